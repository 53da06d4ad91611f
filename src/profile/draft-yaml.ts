// The draft profile as YAML, with the reasons as comments (the yaml library's Document
// API, so that every key and value is quoted as YAML needs). What the person must
// still decide is written `TODO`, which the profile loader refuses until it is filled.
import { Document, Pair, Scalar, YAMLMap } from 'yaml';
import { hasUnsafeChars, sanitizeText } from '../text.js';
import { PROFILE_FORMAT } from './schema.js';
import type { ColumnMatch, Draft } from './draft.js';

/** The placeholder the loader refuses (load.ts), so that a draft is never run half filled. */
export const TODO = 'TODO';

export interface DraftContext {
  /** the sample's path as typed */
  file: string;
  /** the ruleset as given (--rules), and its id */
  rules: string;
  rulesId: string;
  /** a workbook's sheet read */
  sheet: string | null;
}

/** Excel's column letters for a 0-based position: 0 → A, 27 → AB. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function reasonOf(m: ColumnMatch): string {
  switch (m.how) {
    case 'exact': return ' the column\'s own name';
    case 'normalised': return ` read as ${m.column} already (the header normalised)`;
    case 'ruleset': return ' read as this already (a name the ruleset gives the column)';
    case 'close': return ` close match (${m.shared.map((w) => `"${w}"`).join(', ')}): check it`;
  }
}

/** `kent-2025-11.xlsx` → `kent-*.xlsx`: next month's export of the same layout matches too. */
export function filePattern(file: string): string {
  const name = file.replace(/\\/g, '/').split('/').pop() ?? file;
  return name.replace(/\d(?:[\d_. -]*\d)?/g, '*').replace(/\*(?:[-_. ]*\*)+/g, '*');
}

// Text from the file goes into comments neutralised (a line break there would end the
// comment); as a key or value it is written exactly, double-quoted (escaped) when it
// holds a control character, so that the mapping still matches the cell.
const scalar = (text: string | number): Scalar => {
  const s = new Scalar(text);
  if (typeof text === 'string' && hasUnsafeChars(text)) s.type = Scalar.QUOTE_DOUBLE;
  return s;
};
const comment = (text: string): string => text.split('\n').map(sanitizeText).join('\n');
const key = (text: string, before?: string, spaceBefore = false): Scalar => {
  const s = scalar(text);
  if (before !== undefined) s.commentBefore = comment(before);
  s.spaceBefore = spaceBefore;
  return s;
};
const value = (text: string | number, after?: string): Scalar => {
  const s = scalar(text);
  if (after !== undefined) s.comment = comment(after);
  return s;
};

export function draftYaml(draft: Draft, ctx: DraftContext): string {
  const root = new YAMLMap();
  const add = (k: Scalar, v: unknown) => root.items.push(new Pair(k, v));
  let todos = 0;
  let todosAhead = draft.missing.length;
  for (const list of draft.values.values()) for (const v of list) if (v.suggestion.value === null) todosAhead++;
  const fill = todosAhead > 0 ? `Fill in every ${TODO}, check each "check it",` : 'Check each "check it",';

  const where = ctx.sheet === null ? '' : ` (sheet "${ctx.sheet}")`;
  const header = `header at ${ctx.sheet === null ? 'line' : 'row'} ${draft.headerLine}${draft.skippedAboveHeader > 0 ? `, ${draft.skippedAboveHeader} record(s) above it skipped` : ''}`;
  add(key('format', [
    ` Draft profile written by moc-check init from ${ctx.file}${where}: ${header}; ${draft.rows} row(s).`,
    ` Read against the ruleset ${ctx.rules}${ctx.rulesId === ctx.rules ? '' : ` (${ctx.rulesId})`}. ${fill}`,
    ` delete what you do not want, then run: moc-check check --rules ${ctx.rules} --profile <this file> <export>`,
    ' The format: docs/profiles.md.',
  ].join('\n')), scalar(PROFILE_FORMAT));
  const name = ctx.file === '-' ? 'standard input' : (ctx.file.replace(/\\/g, '/').split('/').pop() ?? ctx.file);
  add(key('name'), scalar(`Layout of ${name}`));
  if (ctx.file !== '-') add(key('files', ' the files this profile reads (without "files", every file no other profile claims)'), scalar(filePattern(ctx.file)));
  if (ctx.sheet !== null) add(key('sheet', ' the worksheet read; delete to read the first visible one'), scalar(ctx.sheet));
  if (draft.headerRow !== null) add(key('header_row', ' the check would not find this header by itself: its line or row'), scalar(draft.headerRow));

  const columns = new YAMLMap();
  for (const m of draft.matches) columns.items.push(new Pair(key(m.column), value(m.header, reasonOf(m))));
  for (const column of draft.missing) {
    if (column === 'la_code') continue;
    todos++;
    columns.items.push(new Pair(
      key(column, ` ${column} is required and no header looks like it: write the header that holds it, or add the column to the export`),
      value(TODO),
    ));
  }
  if (columns.items.length > 0) add(key('columns', ' canonical column: the header in this file', true), columns);

  if (draft.missing.includes('la_code')) {
    todos++;
    const fixed = new YAMLMap();
    fixed.items.push(new Pair(
      key('la_code', [
        ' la_code is required and no header looks like a council column. If every row is one',
        " council's (its own export), write that council: an ONS code (E10000016), a DfE number",
        ' (886) or a name (Kent). Otherwise delete this and map the header under columns.',
      ].join('\n')),
      value(TODO),
    ));
    add(key('fixed', ' a value for a column the file lacks', true), fixed);
  }

  if (draft.pqeInYears) {
    const units = new YAMLMap();
    units.items.push(new Pair(key('pqe_months'), value('years', ' the header says years: read as whole months (years x 12, rounded down)')));
    add(key('units', undefined, true), units);
  }

  if (draft.values.size > 0) {
    const values = new YAMLMap();
    for (const [column, list] of draft.values) {
      const mapping = new YAMLMap();
      for (const v of list) {
        if (v.suggestion.value === null) todos++;
        mapping.items.push(new Pair(key(v.value), value(v.suggestion.value ?? TODO, ` ${v.rows} row(s): ${v.suggestion.reason}`)));
      }
      const more = draft.valuesLeftOut.get(column);
      const note = more === undefined ? undefined : ` ${more} more values are not listed`;
      values.items.push(new Pair(key(column, note), mapping));
    }
    add(key('values', ' values the ruleset would not read, each with a suggested value to read instead', true), values);
  }

  const doc = new Document();
  doc.contents = root;
  const notes: string[] = [];
  const unmatched = draft.unmatched.filter((u) => u.duplicateOf === undefined);
  if (unmatched.length > 0) {
    notes.push(' Headers not read (no column looks like them; map one under columns if it is one):');
    for (const u of unmatched) notes.push(`   ${columnLetters(u.index)}: ${sanitizeText(u.header)}`);
  }
  for (const u of draft.unmatched.filter((u) => u.duplicateOf !== undefined)) {
    notes.push(` Header ${columnLetters(u.index)} "${sanitizeText(u.header)}" is also ${u.duplicateOf}; the leftmost is read, this one ignored.`);
  }
  const lacking = draft.rulesLacking.filter((r) => r.columns.every((c) => !draft.missing.includes(c)));
  if (lacking.length > 0) {
    notes.push(' Rules these files cannot be checked against, for want of a column (map it under columns if the file has it):');
    for (const r of lacking) notes.push(`   ${r.rule} needs ${r.columns.join(', ')}`);
  }
  if (todos > 0) notes.push(` ${todos} ${TODO}(s) to fill in before this profile loads.`);
  if (notes.length > 0) doc.comment = comment(notes.join('\n'));
  // comments and values may hold any text from the file: one line each, as YAML writes them
  const text = doc.toString({ lineWidth: 0 });
  return text.endsWith('\n') ? text : text + '\n';
}

/** How many TODOs a draft leaves, for the command's summary line. */
export function todoCount(text: string): number {
  return text.split('\n').filter((line) => !line.trimStart().startsWith('#') && /:\s*TODO\b/.test(line)).length;
}
