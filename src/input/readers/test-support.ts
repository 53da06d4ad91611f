// For tests: every record of a reader, and its outcome.
import type { InputRecord, ReadOutcome, RecordReader } from './types.js';

export function drainReader(reader: RecordReader): { records: InputRecord[]; outcome: ReadOutcome } {
  if (!reader.nextSync) throw new Error('this reader can only be read asynchronously');
  const records: InputRecord[] = [];
  for (let batch = reader.nextSync(); batch !== null; batch = reader.nextSync()) for (const r of batch) records.push(r);
  reader.close();
  return { records, outcome: reader.outcome() };
}
