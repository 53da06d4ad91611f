// The trend formats: each is a pure (trend, options) => string, loaded lazily.
import type { TrendFormatter } from './format-types.js';

export type { TrendFormatOptions, TrendFormatter } from './format-types.js';

const FORMATTERS: Record<string, () => Promise<TrendFormatter>> = {
  table: async () => (await import('./table.js')).formatTrendTable,
  markdown: async () => (await import('./markdown.js')).formatTrendMarkdown,
  json: async () => (await import('./json.js')).formatTrendJson,
  html: async () => (await import('./html.js')).formatTrendHtml,
};

export const TREND_FORMATS = Object.keys(FORMATTERS);

export async function loadTrendFormatter(name: string): Promise<TrendFormatter> {
  if (!Object.hasOwn(FORMATTERS, name)) throw new Error(`unknown trend format "${name}"`);
  return FORMATTERS[name]!();
}
