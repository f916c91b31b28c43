import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { stopChild } from './child.ts';
import { loopLagFlags, readLoopLag, removeLoopLagFile } from './loop-lag-probe.ts';

/** A process that blocks its event loop for 60 ms every 200 ms. */
const blocker = 'setInterval(() => { const t = Date.now(); while (Date.now() - t < 60); }, 200);';

describe('event-loop monitor preloaded into a process', () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await Promise.all(stops.map((stop) => stop()));
  });

  it('reports a blocked loop as delay, and starts a new interval at every reading', async () => {
    const child = spawn(process.execPath, [...loopLagFlags, '-e', blocker], { stdio: 'ignore' });
    const pid = child.pid ?? 0;
    stops.push(async () => {
      await stopChild(child, 2000);
      removeLoopLagFile(pid);
    });
    let first = await readLoopLag(pid);
    for (let i = 0; first === undefined && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      first = await readLoopLag(pid);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const second = await readLoopLag(pid);
    expect(second?.seq).toBeGreaterThan(first?.seq ?? Number.POSITIVE_INFINITY);
    expect(second?.maxMs).toBeGreaterThanOrEqual(45);
    expect(second?.heapUsedMb).toBeGreaterThan(0);
  });
});
