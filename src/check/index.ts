// The checking core: read -> normalise -> evaluate -> apply exemptions -> report.
// Pure apart from reading the input files; the CLI formats and writes the result.
// This file holds the drivers (sync and async) and wires one run's parts together.
import { drain, type Step } from '../input/steps.js';
import { LeaversIndex } from '../input/leavers.js';
import { buildRoleIndex } from '../ruleset/names.js';
import { hasTypedCaps } from '../rules/pay_cap.js';
import { CouncilResolver } from '../councils/resolve.js';
import type { CheckContext } from '../rules/rule.js';
import type { Period } from '../period.js';
import type { IsoDate, Report, Ruleset } from '../types.js';
import { ExemptionApplication } from './apply-exemptions.js';
import { AssignmentChecks, type CheckedRowSink } from './assignments-table.js';
import { FindingFactory } from './findings.js';
import { leaversTable } from './leavers-table.js';
import { ReportBuilder } from './report-builder.js';
import { StarterChecks } from './starters-table.js';
import { readTableOf, type TableEnvironment } from './table.js';
import { readMeter } from '../input/meter.js';
import { startEarly } from '../input/readers/index.js';
import type { ProfileSelector } from '../profile/selector.js';

export { findingId } from './fingerprint.js';
export type { CheckedRowSink } from './assignments-table.js';

export interface CheckOptions {
  ruleset: Ruleset;
  /** assignment files, as named on the command line */
  files: string[];
  leavers: string[];
  /** permanent starters registers (--starters), checked by the head_hunting rules */
  starters?: string[];
  asOf: IsoDate;
  /** put worker names into findings' context (personal data: only when asked) */
  names?: boolean;
  /** also record one AssignmentPoint per checked row in report.assignments (HTML report) */
  points?: boolean;
  /** --period: rows outside it are counted, not checked (rules.md **Period**) */
  period?: Period;
  /** sees every checked assignment row with the rules its file could check and its findings (`moc-check return`) */
  rowSink?: CheckedRowSink;
  /** --profile: how each file's layout is read */
  profiles?: ProfileSelector;
  /** findings and data issues kept in memory before the rest spill to a temporary file (default 50,000 each) */
  spoolLimit?: number;
}

export function runCheck(opts: CheckOptions): Report {
  return drain(checkSteps(opts));
}

/** Thrown by runCheckAsync when its signal aborts the run. */
export class CheckInterrupted extends Error {}

/**
 * The same check, giving the event loop a turn after every chunk read so that a
 * signal (Ctrl-C) can stop it cleanly: the CLI aborts `signal` and says so.
 */
export async function runCheckAsync(opts: CheckOptions, signal?: AbortSignal): Promise<Report> {
  const steps = checkSteps(opts);
  for (;;) {
    if (signal?.aborted) {
      steps.return(undefined as never); // closes the open file
      throw new CheckInterrupted('the check was interrupted');
    }
    const next = steps.next();
    if (next.done) return next.value;
    // A reader waiting for its bytes (standard input, a pipe) may wait for ever: the signal ends the wait.
    if (next.value !== undefined) await untilAborted(next.value, signal);
    else await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Settles with `pending`, or as soon as `signal` aborts, whichever comes first. */
function untilAborted(pending: Promise<unknown>, signal: AbortSignal | undefined): Promise<unknown> {
  if (!signal) return pending;
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** One run, one step per chunk read. */
function* checkSteps(opts: CheckOptions): Generator<Step, Report> {
  const { ruleset } = opts;
  const env: TableEnvironment = { aliases: ruleset.columns, roleIndex: buildRoleIndex(ruleset.roles), councils: new CouncilResolver(ruleset.region.las),
    engagementTypes: hasTypedCaps(ruleset), ...(opts.profiles ? { profiles: opts.profiles } : {}) };
  const leavers = new LeaversIndex();
  const ctx: CheckContext = {
    ruleset,
    leavers,
    regionLas: new Set(ruleset.region.las.keys()),
    roleLabels: new Map(ruleset.roles.map((r) => [r.key, r.label])),
  };
  const report = new ReportBuilder(ruleset, opts.asOf, opts.points === true, opts.period, opts.spoolLimit);
  const exemptions = new ExemptionApplication(ruleset.exemptions, opts.asOf);
  const findings = new FindingFactory(ruleset, opts.names === true);
  const assignments = new AssignmentChecks(ruleset, ctx, exemptions, findings, report, opts.period, opts.rowSink);

  // Leavers first: the cooling-off rule looks rows up in them. Meanwhile the first
  // assignments file, if large, starts on its reading thread.
  if (opts.leavers.length > 0 && opts.files.length > 0) startEarly(opts.files[0]!);
  const leaversKind = leaversTable(leavers);
  for (const file of opts.leavers) {
    readMeter.file = file;
    report.addTable('leavers', yield* readTableOf(file, leaversKind, env));
    readMeter.filesDone++;
  }
  const assignmentsEnv: TableEnvironment = { ...env, takeIssues: (issues) => report.addIssues('assignments', issues) };
  for (const file of opts.files) {
    readMeter.file = file;
    const kind = assignments.file();
    const outcome = yield* readTableOf(file, kind, assignmentsEnv);
    report.addTable('assignments', outcome, kind.checked, kind.outOfPeriod);
    readMeter.filesDone++;
  }
  // Starters after the assignments: their issues and findings follow in the report.
  const starters = new StarterChecks(ruleset, ctx, exemptions, findings, report, opts.period);
  const startersEnv: TableEnvironment = { ...env, takeIssues: (issues) => report.addIssues('starters', issues) };
  for (const file of opts.starters ?? []) {
    readMeter.file = file;
    const kind = starters.file();
    const outcome = yield* readTableOf(file, kind, startersEnv);
    report.addTable('starters', outcome, kind.checked, kind.outOfPeriod);
    readMeter.filesDone++;
  }
  return report.build(exemptions.tallies());
}
