// The profile format (moc-profile/v1): how to read one export layout. The zod schema
// is the single source of truth: the Profile type is inferred from it and the JSON
// Schema in schema/profile.schema.json is generated from it (`moc-check schema profile`).
import * as z from 'zod';
import { ASSIGNMENT_COLUMNS, LEAVER_COLUMNS } from '../input/columns.js';

export const PROFILE_FORMAT = 'moc-profile/v1';

/** Every canonical column a profile may name (assignments, leavers and starters files). */
export const PROFILE_COLUMNS: readonly [string, ...string[]] = [
  ...new Set<string>([...ASSIGNMENT_COLUMNS, ...LEAVER_COLUMNS, 'previous_la', 'previous_role', 'promotion']),
] as [string, ...string[]];

const MAPPING = 'must be a set of "key: value" entries';
const TEXT = 'must be text';

const nonBlank = (what: string) => z.string({ error: TEXT }).refine((s) => s.trim() !== '', { error: `must be ${what}` });
const textList = (what: string) => z.union([nonBlank(what), z.array(nonBlank(what), { error: `must be ${what} or a list of them` }).min(1, { error: `must list at least one ${what}` })], { error: `must be ${what} or a list of them` });
const columnMap = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(PROFILE_COLUMNS), value, { error: MAPPING });

export const ProfileSchema = z.strictObject(
  {
    $schema: z.string({ error: TEXT }).optional(),
    format: z.literal(PROFILE_FORMAT, { error: `must be exactly ${PROFILE_FORMAT}` }),
    name: nonBlank('a name').optional(),
    description: z.string({ error: TEXT }).optional(),
    /**
     * Which input files the profile reads: glob patterns matched against the path as
     * typed and against the file name alone (`kent-*.xlsx`, `exports/kent/**`).
     * Without `files`, the profile reads every input file no other profile claims.
     */
    files: textList('a file pattern').optional(),
    /**
     * The line (CSV) or row (workbook) of the header, as reports number them (1 is the
     * first): the header search is skipped, and the non-blank records above it are not rows.
     */
    header_row: z
      .int({ error: 'must be a whole number, the line or row of the header (1 is the first)' })
      .min(1, { error: 'must be 1 or more (1 is the first line or row)' })
      .max(1_048_576, { error: 'must be at most 1048576, the last row of a worksheet' })
      .optional(),
    /** The worksheet to read, by its name as on its tab (even a hidden one); CSV files have none. */
    sheet: nonBlank('a sheet name').optional(),
    /** canonical column -> the file's header text (or several). */
    columns: columnMap(textList('a column header')).optional(),
    /** A value for a column the file lacks (a single council's export has no la_code). */
    fixed: columnMap(nonBlank('a value')).optional(),
    /** canonical column -> { the file's value: the value to read instead }, applied before the value formats. */
    values: columnMap(z.record(z.string(), z.string({ error: TEXT }), { error: MAPPING })).optional(),
    /** Units of numeric columns that differ from the contract's. */
    units: z
      .strictObject({ pqe_months: z.enum(['years', 'months'], { error: 'must be years or months' }).optional() }, { error: MAPPING })
      .optional(),
  },
  { error: MAPPING },
);

export type Profile = z.output<typeof ProfileSchema>;
