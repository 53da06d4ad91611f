// What the current check has read so far, for the progress line (src/progress.ts).
// Plain counters bumped once per chunk or per file, never per cell, so reading pays
// nothing for them; the progress line samples them a few times a second. One process
// may run several checks (tests, embedding): readers only add, and a progress line
// counts from the values it found when it started.
export interface ReadMeter {
  /** records read (every record of every batch, the header and blank ones included) */
  records: number;
  /** bytes of input parsed into records */
  bytes: number;
  /** input files finished */
  filesDone: number;
  /** the file being read, as named */
  file: string;
}

export const readMeter: ReadMeter = { records: 0, bytes: 0, filesDone: 0, file: '' };
