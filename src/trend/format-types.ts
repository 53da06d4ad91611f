// The trend formatter type, apart from the registry (format.ts) so that the formats
// and the registry never import each other.
import type { Trend } from './series.js';

export interface TrendFormatOptions {
  /** ANSI colour (table only) */
  color: boolean;
  /** the width to fit the table to, in terminal cells (table only; 80 when not given) */
  columns?: number;
}

export type TrendFormatter = (trend: Trend, options: TrendFormatOptions) => string;
