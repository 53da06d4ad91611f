// One call for a hand-edited YAML file of some kind (a ruleset file, a profile):
// read it, convert it, validate it against the kind's zod schema, and get either
// the schema's output or every problem at once, each with file, line and column.
import * as nodePath from 'node:path';
import type { z } from 'zod';
import { Problems, sortProblems, type Problem } from './diagnostics.js';
import { parseYamlSource, readYamlFile, type YamlFileKind, type YamlSource } from './source.js';
import { validateSource, type SchemaWording } from './validate.js';

export type YamlLoadResult<T> = { ok: true; data: T; source: YamlSource } | { ok: false; problems: Problem[] };

export interface YamlFormat<S extends z.ZodType> {
  kind: YamlFileKind;
  schema: S;
  wording: SchemaWording;
  /** Checks beyond the schema, on the validated output; problems go to `problems`. */
  check?(data: z.output<S>, source: YamlSource, problems: Problems): void;
}

/** Loads one YAML file against a format; `path` is shown in messages as given. */
export function loadYamlFile<S extends z.ZodType>(path: string, format: YamlFormat<S>): YamlLoadResult<z.output<S>> {
  const read = readYamlFile(nodePath.resolve(path), format.kind);
  if (!read.ok) return { ok: false, problems: [{ file: path, line: 1, column: 1, message: `cannot read the ${format.kind.noun}: ${read.reason}` }] };
  const problems = new Problems();
  const source = parseYamlSource(path, read.bytes, read.text, format.kind, problems);
  const data = source.usable ? validateSource(source, format.schema, format.wording, problems) : undefined;
  if (data !== undefined) format.check?.(data, source, problems);
  if (problems.list.length > 0 || data === undefined) {
    const list = problems.list.length > 0 ? problems.list : [{ file: path, line: 1, column: 1, message: `the ${format.kind.noun} could not be read` }];
    return { ok: false, problems: sortProblems(list, [path]) };
  }
  return { ok: true, data, source };
}

export { formatProblem, type Problem } from './diagnostics.js';
export type { YamlFileKind, YamlSource } from './source.js';
export type { SchemaWording } from './validate.js';
