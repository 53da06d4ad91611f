// `moc-check schema rules|report`: the JSON Schemas generated from the zod schemas.
import { EXIT_OK } from '../exit.js';
import type { Io, Outcome } from './common.js';
import type { SchemaName } from '../schemas.js';

export async function schemaCommand(io: Io, which: SchemaName): Promise<Outcome> {
  const { jsonSchemaText } = await import('../schemas.js');
  io.stdout.write(jsonSchemaText(which));
  return { code: EXIT_OK };
}
