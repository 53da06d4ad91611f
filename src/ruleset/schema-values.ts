// The value schemas a rules file is built from (ids, text, numbers within their
// limits, money, dates, yes/no), shared by the file's schema (schema.ts).
import * as z from 'zod';
import { parseIsoDate } from '../dates.js';
import { moneyFromNumber, type Money } from '../money.js';

export const RULES_FORMAT = 'moc-rules/v1';

export const RULESET_ID_RE = /^[a-z0-9-]+$/;
export const RULE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const EXEMPTION_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const ROLE_KEY_RE = /^[a-z][a-z0-9_]*$/;
/** yes/no in any case (true/false are YAML booleans already). */
export const YES_NO_RE = /^([Yy][Ee][Ss]|[Nn][Oo])$/;
/** Anything that is not blank. */
export const NOT_BLANK_RE = /\S/;

// ---------------------------------------------------------------- building blocks

export const MAPPING = 'must be a set of "key: value" entries';
export const LIST = 'must be a list';

export function text(what = 'text'): z.ZodString {
  return z.string({ error: `must be ${what}` }).regex(NOT_BLANK_RE, { error: `must be ${what}` });
}

export function textList(what: string): z.ZodArray<z.ZodString> {
  return z.array(text(what), { error: LIST });
}

// Limits (rules.md "Reading the YAML"): months at most 1200, weeks 520, min_count 20,
// grade 100. Beyond them a value is a typo, and date arithmetic stays in 0001-9999.
export const LIMITS = { months: 1200, weeks: 520, min_count: 20, grade: 100 } as const;

export const wholeNumber = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.int({ error }).min(min, { error }).max(max, { error });
};

export const numberUpTo = (max: number) => {
  const error = `must be a number from 0 to ${max}`;
  return z.number({ error }).min(0, { error }).max(max, { error });
};

/** Whole pence must be exact: beyond 2^53 pence (about £90 trillion) they are not. */
function exactMoney(n: number): Money | null {
  const m = moneyFromNumber(n);
  return m !== null && Number.isSafeInteger(m.pence) ? m : null;
}

/** Pounds as a YAML number, read as whole pence (half-up). */
export const MoneySchema = z
  .number({ error: 'must be an amount in pounds written as a number, such as 38.00' })
  .min(0.01, { error: 'must be an amount in pounds of at least 0.01' })
  // the message says what is wrong with the value: the loader does not quote it
  .refine((n) => exactMoney(n) !== null, { error: 'is too large an amount', params: { quoteValue: false } })
  .describe('An amount in pounds per hour: a plain decimal of at least 0.01 with at most two decimals, such as 38 or 38.50; compared in whole pence.')
  .transform((n): Money => exactMoney(n) ?? { amount: n, pence: 0 }); // the refine above makes the fallback unreachable

/** Exactly YYYY-MM-DD naming a real day (quoted or not). */
export const DateSchema = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' })
  .refine((s) => parseIsoDate(s) !== null, { error: 'must be a real calendar date written YYYY-MM-DD' })
  .meta({ format: 'date', description: 'A calendar date written exactly YYYY-MM-DD.' });

/** true/false, or yes/no in any case. */
export const BooleanSchema = z
  .union(
    [
      z.boolean({ error: 'must be true or false (or yes/no)' }),
      z.string({ error: 'must be true or false (or yes/no)' }).regex(YES_NO_RE, { error: 'must be true or false (or yes/no)' }),
    ],
    { error: 'must be true or false (or yes/no)' },
  )
  .describe('true or false; yes/no in any case are also accepted.');

/** A yes/no setting, false when left out; read as a boolean. */
export function flag(description: string) {
  return BooleanSchema.default(false)
    .describe(description)
    .transform((v) => v === true || (typeof v === 'string' && v.toLowerCase() === 'yes'));
}

