import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Node flags that load the event-loop monitor into a Parley server (see loop-lag.ts). */
export const loopLagFlags: readonly string[] = [
  '--import',
  'tsx',
  '--import',
  fileURLToPath(new URL('./loop-lag.ts', import.meta.url)),
];

/** The monitor's timer period: delays shorter than this are not seen. */
export const loopLagResolutionMs = 10;

/** Event-loop delay of the server over one interval (ms beyond the timer period), and its memory at the end. */
export type LoopLag = Readonly<{
  seq: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  heapUsedMb: number;
  rssMb: number;
}>;

export const loopLagFile = (pid: number): string => join(tmpdir(), `parley-bench-loop-lag-${pid}.json`);

function read(file: string): LoopLag | undefined {
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof json !== 'object' || json === null) return undefined;
    const get = (key: string): number => {
      const value: unknown = Reflect.get(json, key);
      return typeof value === 'number' ? value : Number.NaN;
    };
    return {
      seq: get('seq'),
      p50Ms: get('p50Ms'),
      p99Ms: get('p99Ms'),
      maxMs: get('maxMs'),
      heapUsedMb: get('heapUsedMb'),
      rssMb: get('rssMb'),
    };
  } catch {
    return undefined;
  }
}

/**
 * Asks the server `pid` for its event-loop delay since the previous call and starts a new interval. Undefined
 * when the monitor is not loaded there (the signal is only sent once its file exists: SIGUSR2 would kill a
 * process without a handler) or does not answer within `timeoutMs` (a loop blocked that long).
 */
export async function readLoopLag(pid: number, timeoutMs = 5000): Promise<LoopLag | undefined> {
  const file = loopLagFile(pid);
  const before = read(file);
  if (!before) return undefined;
  process.kill(pid, 'SIGUSR2');
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 2));
    const now = read(file);
    if (now && now.seq > before.seq) return now;
  }
  return undefined;
}

export function removeLoopLagFile(pid: number): void {
  rmSync(loopLagFile(pid), { force: true });
  rmSync(`${loopLagFile(pid)}.tmp`, { force: true });
}
