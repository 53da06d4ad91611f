// Loaded with `node --import` into a benchmarked process: on exit, writes its peak RSS
// (KiB) and CPU time (user + system, µs) as JSON, so that figures can be compared on a
// loaded machine where wall time is not.
import { openSync, writeSync, closeSync } from 'node:fs';

process.on('exit', () => {
  const path = process.env.MOC_BENCH_RSS_FILE;
  if (!path) return;
  const usage = process.resourceUsage();
  const fd = openSync(path, 'w');
  writeSync(fd, JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }));
  closeSync(fd);
});
