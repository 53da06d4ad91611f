// A push tokenizer for the CSV dialect of engagements.md "The file".
//
// Hand-written rather than csv-parse because the contract fixes details that
// csv-parse does not give us together: LF, CRLF and a lone CR mixed in one file,
// a `"` inside an unquoted field being ordinary, the physical line where each
// record *starts* (counting breaks inside quotes and on blank lines), and
// "malformed from this record on" rather than an exception. It takes text in
// chunks so a large file streams through in constant memory.

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** a `"` inside a quoted field: either the closing quote or the first of `""` */
  QuoteInQuoted,
}

export interface CsvMalformed {
  /** physical line where the broken record starts */
  line: number;
  reason: 'text_after_closing_quote' | 'unclosed_quote';
}

export type RecordSink = (cells: string[], line: number) => void;

export class CsvTokenizer {
  private state = State.FieldStart;
  private cells: string[] = [];
  private field = '';
  private line = 1;
  private recordLine = 1;
  private recordHasContent = false;
  /** a record ended on CR: a following LF belongs to the same break */
  private pendingCR = false;
  /** inside a quoted field the last character was CR (for CRLF across chunks) */
  private quotedLastCR = false;
  private stopped = false;
  malformed: CsvMalformed | null = null;

  constructor(private readonly sink: RecordSink) {}

  push(chunk: string): void {
    if (this.stopped) return;
    const n = chunk.length;
    let i = 0;
    if (this.pendingCR && n > 0) {
      this.pendingCR = false;
      if (chunk.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      switch (this.state) {
        case State.FieldStart: {
          this.recordHasContent = true;
          if (chunk.charCodeAt(i) === QUOTE) {
            this.state = State.Quoted;
            this.quotedLastCR = false;
            i++;
            break;
          }
          this.state = State.Unquoted;
        }
        // falls through
        case State.Unquoted: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = chunk.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            j++;
          }
          this.field = this.field === '' ? chunk.slice(i, j) : this.field + chunk.slice(i, j);
          if (j === n) {
            i = n;
            break;
          }
          i = this.endFieldAt(chunk, j);
          break;
        }
        case State.Quoted: {
          const j = chunk.indexOf('"', i);
          const end = j < 0 ? n : j;
          this.countQuotedBreaks(chunk, i, end);
          this.field += chunk.slice(i, end);
          if (j < 0) {
            i = n;
            break;
          }
          this.state = State.QuoteInQuoted;
          i = j + 1;
          break;
        }
        case State.QuoteInQuoted: {
          const c = chunk.charCodeAt(i);
          if (c === QUOTE) {
            this.field += '"';
            this.quotedLastCR = false;
            this.state = State.Quoted;
            i++;
          } else if (c === COMMA || c === LF || c === CR) {
            i = this.endFieldAt(chunk, i);
          } else {
            this.fail('text_after_closing_quote');
            return;
          }
          break;
        }
      }
    }
  }

  /** Ends the file: flushes the last record, or reports an unclosed quote. */
  end(): void {
    if (this.stopped) return;
    if (this.state === State.Quoted) {
      this.fail('unclosed_quote');
      return;
    }
    if (this.recordHasContent) {
      this.cells.push(this.field);
      this.emit();
    }
    this.stopped = true;
  }

  /** The delimiter or line break at chunk[j] closes the current field. Returns the next index. */
  private endFieldAt(chunk: string, j: number): number {
    const c = chunk.charCodeAt(j);
    this.cells.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
    if (c === COMMA) return j + 1;
    this.emit();
    this.line++;
    this.recordLine = this.line;
    this.recordHasContent = false;
    if (c === CR) {
      if (j + 1 < chunk.length) {
        if (chunk.charCodeAt(j + 1) === LF) return j + 2;
      } else {
        this.pendingCR = true;
      }
    }
    return j + 1;
  }

  private emit(): void {
    const cells = this.cells;
    this.cells = [];
    // A lone empty line is a record of one blank cell; the reader skips it as blank.
    this.sink(cells, this.recordLine);
  }

  private countQuotedBreaks(chunk: string, from: number, to: number): void {
    let lastCR = this.quotedLastCR;
    for (let k = from; k < to; k++) {
      const c = chunk.charCodeAt(k);
      if (c === LF) {
        if (!lastCR) this.line++;
        lastCR = false;
      } else if (c === CR) {
        this.line++;
        lastCR = true;
      } else {
        lastCR = false;
      }
    }
    if (to > from) this.quotedLastCR = lastCR;
  }

  private fail(reason: CsvMalformed['reason']): void {
    this.malformed = { line: this.recordLine, reason };
    this.stopped = true;
  }
}

/** Tokenizes a whole string; convenient for tests and small inputs. */
export function tokenize(text: string): { records: Array<{ cells: string[]; line: number }>; malformed: CsvMalformed | null } {
  const records: Array<{ cells: string[]; line: number }> = [];
  const t = new CsvTokenizer((cells, line) => records.push({ cells, line }));
  t.push(text);
  t.end();
  return { records, malformed: t.malformed };
}
