// Council cells to ONS codes (engagements.md, **council**; readings 8, 10, 39, 41).
// Pure: the councils table is compiled in (./table.ts), the region comes from the ruleset.
import { detach } from '../detach.js';
import { COUNCIL_ROWS } from './table.js';

export interface Council {
  /** ONS (GSS) code, `E10000016` */
  ons: string;
  /** DfE 3-digit LA number, `886` */
  dfe: string;
  /** the DfE lookup's name, `Kent`, `Bristol, City of` */
  name: string;
  regionCode: string;
  regionName: string;
}

export const COUNCILS: readonly Council[] = COUNCIL_ROWS.map(([ons, dfe, name, regionCode, regionName]) => ({ ons, dfe, name, regionCode, regionName }));

const byOns = new Map(COUNCILS.map((c) => [c.ons, c]));
const byDfe = new Map(COUNCILS.map((c) => [c.dfe, c]));

export function councilByCode(ons: string): Council | undefined {
  return byOns.get(ons);
}

const ONS_CODE = /^E[0-9]{8}$/i;
const DFE_NUMBER = /^[0-9]{3}$/;
const PREFIXES = ['london borough of ', 'royal borough of '];
// Order matters: the first that matches is dropped, so `metropolitan borough council`
// goes before `borough council`, and `county council` before `council`.
const ENDINGS = [' metropolitan borough council', ' county council', ' city council', ' borough council', ' district council', ' council'];

/**
 * The name-comparison form of the spec: lower-case, delete `.`, `&` read as ` and `
 * (reading 8), every run of characters other than a-z and 0-9 to one space, trim, then
 * one leading `london borough of ` / `royal borough of ` and the first matching ending
 * dropped. `Kent County Council` → `kent`, `Brighton&Hove` → `brighton and hove`.
 */
export function normaliseCouncilName(text: string): string {
  let s = text
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  for (const prefix of PREFIXES) {
    if (s.startsWith(prefix)) {
      s = s.slice(prefix.length);
      break;
    }
  }
  for (const ending of ENDINGS) {
    if (s.endsWith(ending)) {
      s = s.slice(0, s.length - ending.length);
      break;
    }
  }
  return s;
}

/** The table's names, each also without a trailing `, City of` / `, County of`. */
const tableNames: Map<string, Council> = (() => {
  const index = new Map<string, Council>();
  const add = (name: string, council: Council) => {
    const key = normaliseCouncilName(name);
    if (key !== '' && !index.has(key)) index.set(key, council);
  };
  for (const c of COUNCILS) add(c.name, c);
  for (const c of COUNCILS) {
    const short = c.name.replace(/, (City|County) of$/, '');
    if (short !== c.name) add(short, c);
  }
  return index;
})();

export type ResolvedBy = 'ons_code' | 'dfe_number' | 'region_name' | 'table_name' | 'kept';

export interface CouncilResolution {
  /** the ONS code, or the trimmed cell upper-cased when nothing matched */
  code: string;
  by: ResolvedBy;
  /** the name it was read as (region name, else the table's), null when kept or unknown */
  name: string | null;
}

/**
 * Steps 1, 2 and 4 only: how a ruleset's codes (`region.las` keys, exemption `las`) are
 * read, since a ruleset names councils by code, never by name (rules.md).
 */
export function resolveCouncilCode(text: string): string {
  const t = text.trim();
  if (DFE_NUMBER.test(t)) {
    const council = byDfe.get(t);
    if (council) return council.ons;
  }
  return t.toUpperCase();
}

// Distinct cell values in a file are few (one per council); a bound keeps a hostile
// file with a million distinct values from growing the cache without limit.
const CACHE_LIMIT = 10_000;

/** Resolves council cells against one ruleset's region and the councils table. */
export class CouncilResolver {
  /** the region's codes, resolved (reading 39: the merged values) */
  readonly regionCodes: ReadonlySet<string>;
  private readonly regionNames = new Map<string, { code: string; name: string }>();
  private readonly regionNameByCode = new Map<string, string>();
  private readonly cache = new Map<string, CouncilResolution>();

  constructor(regionLas: ReadonlyMap<string, string> = new Map()) {
    const codes = new Set<string>();
    for (const [key, name] of regionLas) {
      const code = resolveCouncilCode(key);
      codes.add(code);
      if (!this.regionNameByCode.has(code)) this.regionNameByCode.set(code, name);
      const normalised = normaliseCouncilName(name);
      // Reading 39: the first of two names that normalise alike wins.
      if (normalised !== '' && !this.regionNames.has(normalised)) this.regionNames.set(normalised, { code, name });
    }
    this.regionCodes = codes;
  }

  resolve(cell: string): CouncilResolution {
    const cached = this.cache.get(cell);
    if (cached) return cached;
    const resolution = this.resolveUncached(cell);
    // detached: a kept cell would pin the whole chunk of the file it was cut from
    if (this.cache.size < CACHE_LIMIT) this.cache.set(detach(cell), resolution);
    return resolution;
  }

  /** False only when the ruleset lists a region and the code is not one of it. */
  inRegion(code: string): boolean {
    return this.regionCodes.size === 0 || this.regionCodes.has(code);
  }

  private resolveUncached(cell: string): CouncilResolution {
    const t = cell.trim();
    if (ONS_CODE.test(t)) {
      const code = t.toUpperCase();
      return { code, by: 'ons_code', name: this.nameOf(code) };
    }
    if (DFE_NUMBER.test(t)) {
      const council = byDfe.get(t);
      if (council) return { code: council.ons, by: 'dfe_number', name: this.nameOf(council.ons) };
    }
    const normalised = normaliseCouncilName(t);
    if (normalised !== '') {
      const region = this.regionNames.get(normalised);
      if (region) return { code: region.code, by: 'region_name', name: region.name };
      const council = tableNames.get(normalised);
      if (council) return { code: council.ons, by: 'table_name', name: council.name };
    }
    return { code: t.toUpperCase(), by: 'kept', name: null };
  }

  private nameOf(code: string): string | null {
    return this.regionNameByCode.get(code) ?? byOns.get(code)?.name ?? null;
  }
}
