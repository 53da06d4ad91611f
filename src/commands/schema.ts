// `moc-check schema rules|report`: the JSON Schemas generated from the zod schemas.
import { EXIT_OK } from '../exit.js';
import type { Io, Outcome } from './common.js';

export async function schemaCommand(io: Io, which: 'rules' | 'report' | 'return' | 'trend'): Promise<Outcome> {
  const { jsonSchemaText } = await import('../schemas.js');
  io.stdout.write(jsonSchemaText(which));
  return { code: EXIT_OK };
}
