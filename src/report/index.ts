// The one registry of output formats. Each format is a file exporting a pure
// (report, options) => string and, for a report that can be large, the same text as
// chunks (`loadChunked`, see chunks.ts for how); they are loaded lazily so start-up
// stays quick.
// What a format needs (colour, points, streaming, the job summary) is in its
// descriptor, so callers never test a format's name.
import {
  FORMAT_NAMES,
  type ChunkedFormatter,
  type FormatDescriptor,
  type FormatName,
  type Formatter,
} from './types.js';
import { joinChunks } from './chunks.js';

export { FORMAT_NAMES, type ChunkedFormatter, type FormatDescriptor, type FormatName, type FormatOptions, type Formatter } from './types.js';

/**
 * What a format is, and the one loader it has: `chunks` for a format written in chunks
 * (every one but HTML), its whole-text formatter being those chunks joined, as each
 * format's own `formatFoo` is (chunks.ts); `whole` for one written as one string.
 */
type Traits = Omit<FormatDescriptor, 'name' | 'load' | 'loadChunked'> &
  ({ chunks: () => Promise<ChunkedFormatter>; whole?: never } | { whole: () => Promise<Formatter>; chunks?: never });

const PLAIN = { terminal: false, needsPoints: false, jobSummary: false } as const;

const TRAITS: Record<FormatName, Traits> = {
  table: { ...PLAIN, terminal: true, chunks: async () => (await import('./table.js')).tableChunks },
  json: { ...PLAIN, chunks: async () => (await import('./json.js')).jsonChunks },
  markdown: { ...PLAIN, chunks: async () => (await import('./markdown.js')).markdownChunks },
  csv: { ...PLAIN, chunks: async () => (await import('./csv.js')).csvChunks },
  sarif: { ...PLAIN, chunks: async () => (await import('./sarif.js')).sarifChunks },
  junit: { ...PLAIN, chunks: async () => (await import('./junit.js')).junitChunks },
  github: { ...PLAIN, jobSummary: true, chunks: async () => (await import('./github.js')).githubChunks },
  html: { ...PLAIN, needsPoints: true, whole: async () => (await import('./html.js')).formatHtml },
};

export const FORMATS: readonly FormatDescriptor[] = FORMAT_NAMES.map((name) => {
  const { chunks, whole, ...traits } = TRAITS[name];
  if (chunks) {
    return {
      name, ...traits, loadChunked: chunks,
      load: async (): Promise<Formatter> => {
        const render = await chunks();
        return (report, options) => joinChunks(render(report, options));
      },
    };
  }
  return {
    name, ...traits, load: whole,
    loadChunked: async (): Promise<ChunkedFormatter> => {
      const format = await whole();
      return (report, options) => [format(report, options)];
    },
  };
});

const BY_NAME = new Map<string, FormatDescriptor>(FORMATS.map((d) => [d.name, d]));

export function isFormatName(name: string): name is FormatName {
  return BY_NAME.has(name);
}

/** The descriptor of a format; throws on a name that is not one (check with isFormatName first). */
export function formatDescriptor(name: string): FormatDescriptor {
  const descriptor = BY_NAME.get(name);
  if (!descriptor) throw new Error(`unknown format "${name}"`);
  return descriptor;
}

/** Formats meant for a terminal, which may be coloured. */
export const TERMINAL_FORMATS: ReadonlySet<string> = new Set(FORMATS.filter((d) => d.terminal).map((d) => d.name));

export async function loadChunkedFormatter(name: string): Promise<ChunkedFormatter> {
  return formatDescriptor(name).loadChunked();
}

export async function loadFormatter(name: string): Promise<Formatter> {
  return formatDescriptor(name).load();
}
