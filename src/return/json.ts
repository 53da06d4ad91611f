// `return --format json`: the moc-return/v1 document (schema/return.schema.json).
import { escapeJsonForTerminal } from '../text.js';
import type { DataReturn } from './schema.js';

export function returnJson(ret: DataReturn): string {
  return escapeJsonForTerminal(JSON.stringify(ret, null, 2)) + '\n';
}
