// The formatter type and each format's descriptor, in a file of their own: the
// registry (index.ts) imports the formats lazily and the formats import only this,
// so neither imports the other (no cycle), and the CLI asks a descriptor what a
// format needs instead of testing its name.
import type { Report, Ruleset } from '../types.js';

export interface FormatOptions {
  ruleset: Ruleset;
  /** ANSI colour (terminal formats only) */
  color: boolean;
  /** one line per unknown finding instead of counts */
  verbose: boolean;
  /** worker names were asked for (--names); findings then carry context.worker_name */
  names?: boolean;
  /** the terminal's width in cells, for the terminal format's tables (80 when not given) */
  columns?: number;
  /** break long lines to fit `columns` (stdout is a terminal) */
  wrap?: boolean;
}

/** A format: a pure function of the report (and the ruleset, for names and order). */
export type Formatter = (report: Report, options: FormatOptions) => string;

/** A format as text chunks; the streamed ones (JSON) yield their large arrays piece by piece. */
export type ChunkedFormatter = (report: Report, options: FormatOptions) => Iterable<string>;

export const FORMAT_NAMES = ['table', 'json', 'markdown', 'csv', 'sarif', 'junit', 'github', 'html'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface FormatDescriptor {
  name: FormatName;
  /** loads the format's module (lazily, so start-up stays quick) */
  load: () => Promise<Formatter>;
  /** loads it as chunks; for a format that is not streamed, one chunk */
  loadChunked: () => Promise<ChunkedFormatter>;
  /** meant for a terminal: may be coloured when stdout is one */
  terminal: boolean;
  /** needs every checked assignment (report.assignments, the HTML charts' points) */
  needsPoints: boolean;
  /** also writes the GitHub job summary when $GITHUB_STEP_SUMMARY is set */
  jobSummary: boolean;
}
