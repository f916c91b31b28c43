/**
 * Preloaded into the Parley servers the runner starts (`node --import tsx --import …/loop-lag.ts`), so the
 * bench measures the server's event-loop delay with no endpoint in the product. On SIGUSR2 it writes the delay
 * seen since the previous signal, and the heap, to a file named after its pid, then starts a new interval.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type LoopLag, loopLagFile, loopLagResolutionMs } from './loop-lag-probe.ts';

const histogram = monitorEventLoopDelay({ resolution: loopLagResolutionMs });
histogram.enable();
const file = loopLagFile(process.pid);
let seq = 0;

/** The histogram holds intervals between timer wake-ups: the delay is what exceeds the resolution. */
const lagMs = (nanoseconds: number): number =>
  Math.max(0, Math.round((nanoseconds / 1e6 - loopLagResolutionMs) * 100) / 100);

function write(): void {
  const memory = process.memoryUsage();
  const empty = histogram.count === 0;
  const snapshot: LoopLag = {
    seq,
    p50Ms: empty ? 0 : lagMs(histogram.percentile(50)),
    p99Ms: empty ? 0 : lagMs(histogram.percentile(99)),
    maxMs: empty ? 0 : lagMs(histogram.max),
    heapUsedMb: Math.round(memory.heapUsed / 1024 / 102.4) / 10,
    rssMb: Math.round(memory.rss / 1024 / 102.4) / 10,
  };
  // Renamed into place, so the runner never reads half a file.
  writeFileSync(`${file}.tmp`, JSON.stringify(snapshot));
  renameSync(`${file}.tmp`, file);
  histogram.reset();
  seq += 1;
}

write();
process.on('SIGUSR2', write);
