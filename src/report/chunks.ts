// Text in chunks, for every format. A report with a million findings can be several
// GB of text, far more than V8 lets one string be (about 512 MB) or than the heap
// holds, so each format yields its text piece by piece (ChunkedFormatter) and the
// emitter (src/emit.ts) writes each chunk as it comes, checking the heap in between.
// `format(report, options)` is the same text joined, for small reports and tests.
//
// How a format is written in chunks:
//
//   export function* fooPieces(report, options): Generator<string> { yield ...; }
//   export const fooChunks: ChunkedFormatter = (report, options) => inChunks(fooPieces(report, options));
//   export const formatFoo: Formatter = (report, options) => joinChunks(fooChunks(report, options));
//
// and in index.ts its descriptor gets `chunks: fooChunks` (its `load` is derived). Walk
// report.findings and report.data_issues once with `for…of` (they may be read-only
// views of a file on disk, src/check/spool.ts): never `filter`, `map`, `sort` or
// spread them, which would hold every item in memory at once. Draw summaries from
// counts (report.summary, tallies made in one pass), and list at most a fixed number
// of items where a person reads them (see `firstByStatus` in shared.ts).

/** Pieces are gathered into chunks of at least this many UTF-16 units before they are written. */
export const CHUNK_CHARS = 1 << 16;

/** The pieces gathered into chunks of about 64 KB (fewer, larger writes); no empty chunk. */
export function* inChunks(pieces: Iterable<string>, size = CHUNK_CHARS): Generator<string> {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= size) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

/** The whole text of chunks (for a report small enough to be one string). */
export function joinChunks(chunks: Iterable<string>): string {
  let text = '';
  for (const chunk of chunks) text += chunk;
  return text;
}

/** Each line followed by `eol`, as pieces (lines built one at a time, never all at once). */
export function* linePieces(lines: Iterable<string>, eol = '\n'): Generator<string> {
  for (const line of lines) yield line + eol;
}
