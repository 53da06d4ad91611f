// The one registry of output formats. Each format is a file exporting a pure
// (report, options) => string; they are loaded lazily so start-up stays quick.
import type { Report, Ruleset } from '../types.js';

export interface FormatOptions {
  ruleset: Ruleset;
  /** ANSI colour (terminal formats only) */
  color: boolean;
  /** one line per unknown finding instead of counts */
  verbose: boolean;
  /** worker names were asked for (--names); findings then carry context.worker_name */
  names?: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

const FORMATTERS: Record<string, () => Promise<Formatter>> = {
  table: async () => (await import('./table.js')).formatTable,
  json: async () => (await import('./json.js')).formatJson,
  markdown: async () => (await import('./markdown.js')).formatMarkdown,
  csv: async () => (await import('./csv.js')).formatCsv,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  junit: async () => (await import('./junit.js')).formatJunit,
  github: async () => (await import('./github.js')).formatGithub,
  html: async () => (await import('./html.js')).formatHtml,
};

/** Formats meant for a terminal, which may be coloured. */
export const TERMINAL_FORMATS = new Set(['table']);

export const FORMAT_NAMES = Object.keys(FORMATTERS);

export function isFormatName(name: string): boolean {
  return Object.hasOwn(FORMATTERS, name);
}

/** A format as text chunks; JSON streams its large arrays, the others are one chunk. */
export type ChunkedFormatter = (report: Report, options: FormatOptions) => Iterable<string>;

export async function loadChunkedFormatter(name: string): Promise<ChunkedFormatter> {
  if (name === 'json') return (await import('./json.js')).jsonChunks;
  const format = await loadFormatter(name);
  return (report, options) => [format(report, options)];
}

export async function loadFormatter(name: string): Promise<Formatter> {
  const load = FORMATTERS[name];
  if (!load || !Object.hasOwn(FORMATTERS, name)) throw new Error(`unknown format "${name}"`);
  return load();
}
