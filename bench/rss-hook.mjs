// Loaded with `node --import` into a benchmarked process: writes its peak RSS (KiB) on exit.
import { openSync, writeSync, closeSync } from 'node:fs';

process.on('exit', () => {
  const path = process.env.MOC_BENCH_RSS_FILE;
  if (!path) return;
  const fd = openSync(path, 'w');
  writeSync(fd, String(process.resourceUsage().maxRSS));
  closeSync(fd);
});
