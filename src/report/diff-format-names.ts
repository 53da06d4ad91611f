// The diff's output formats, apart from the formatter (diff-format.ts), so that the
// command line can list them without loading it.
export type DiffFormat = 'table' | 'markdown' | 'json';
export const DIFF_FORMATS: readonly DiffFormat[] = ['table', 'markdown', 'json'];
