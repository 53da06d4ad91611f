// `moc-check diff OLD.json NEW.json`: new, resolved and persisting breaches.
import { diffExitCode, diffReports } from '../diff.js';
import { writeFileAtomic } from '../output.js';
import { formatDiff } from '../report/diff-format.js';
import type { DiffFormat } from '../report/diff-format-names.js';
import { readReportFile } from '../report/read.js';
import { Interrupted, untilSignal } from '../signals.js';
import { UsageError, checkOutputPaths, say, type Io, type Outcome } from './common.js';

export interface DiffFlags {
  format: DiffFormat;
  output?: string;
}

export async function diffCommand(io: Io, oldPath: string, newPath: string, flags: DiffFlags): Promise<Outcome> {
  let diff;
  try {
    const [before, after] = await untilSignal((signal) => Promise.all([readReportFile(oldPath, signal), readReportFile(newPath, signal)]));
    diff = diffReports(before, after);
  } catch (err) {
    if (err instanceof Interrupted) throw new UsageError(`${err.signal}: stopped while reading the reports; nothing was compared`, 'interrupted');
    throw new UsageError((err as Error).message);
  }
  for (const warning of diff.warnings) say(io, `warning: ${warning}`);
  const text = formatDiff(diff, flags.format);
  if (flags.output !== undefined) {
    checkOutputPaths([{ format: flags.format, path: flags.output }], [oldPath, newPath]);
    writeFileAtomic(flags.output, text);
    return { code: diffExitCode(diff), written: [flags.output] };
  }
  io.stdout.write(text);
  return { code: diffExitCode(diff) };
}
