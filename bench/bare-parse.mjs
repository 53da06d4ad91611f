// The baseline: a bare csv-parse parse of the file (array mode, no casting), counting records.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

let records = 0;
const parser = createReadStream(process.argv[2]).pipe(parse({ relax_column_count: true }));
for await (const _record of parser) records++;
process.stdout.write(String(records));
