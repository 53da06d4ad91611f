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

export { FORMAT_NAMES, type ChunkedFormatter, type FormatDescriptor, type FormatName, type FormatOptions, type Formatter } from './types.js';

type Traits = Omit<FormatDescriptor, 'name' | 'loadChunked'> & { loadChunked?: FormatDescriptor['loadChunked'] };

const PLAIN = { terminal: false, streamed: false, needsPoints: false, jobSummary: false } as const;

const TRAITS: Record<FormatName, Traits> = {
  table: {
    ...PLAIN,
    terminal: true,
    streamed: true,
    load: async () => (await import('./table.js')).formatTable,
    loadChunked: async () => (await import('./table.js')).tableChunks,
  },
  json: {
    ...PLAIN,
    streamed: true,
    load: async () => (await import('./json.js')).formatJson,
    loadChunked: async () => (await import('./json.js')).jsonChunks,
  },
  markdown: {
    ...PLAIN,
    streamed: true,
    load: async () => (await import('./markdown.js')).formatMarkdown,
    loadChunked: async () => (await import('./markdown.js')).markdownChunks,
  },
  csv: {
    ...PLAIN,
    streamed: true,
    load: async () => (await import('./csv.js')).formatCsv,
    loadChunked: async () => (await import('./csv.js')).csvChunks,
  },
  sarif: {
    ...PLAIN,
    streamed: true,
    load: async () => (await import('./sarif.js')).formatSarif,
    loadChunked: async () => (await import('./sarif.js')).sarifChunks,
  },
  junit: {
    ...PLAIN,
    streamed: true,
    load: async () => (await import('./junit.js')).formatJunit,
    loadChunked: async () => (await import('./junit.js')).junitChunks,
  },
  github: {
    ...PLAIN,
    jobSummary: true,
    streamed: true,
    load: async () => (await import('./github.js')).formatGithub,
    loadChunked: async () => (await import('./github.js')).githubChunks,
  },
  html: { ...PLAIN, needsPoints: true, load: async () => (await import('./html.js')).formatHtml },
};

export const FORMATS: readonly FormatDescriptor[] = FORMAT_NAMES.map((name) => {
  const { loadChunked, ...traits } = TRAITS[name];
  return {
    name,
    ...traits,
    loadChunked:
      loadChunked ??
      (async () => {
        const format = await traits.load();
        return (report, options) => [format(report, options)];
      }),
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
