import type { LoadClient } from './load-client.ts';
import { nowMs } from './payload.ts';

/** One schedule of sends: `rate` msg/s in total, round robin over `clients`. */
export type Stream = Readonly<{ clients: readonly LoadClient[]; rate: number }>;

/**
 * Sends every stream on its fixed schedule from `start` for `durationMs`, whatever the server answers, each
 * message stamped with the time it was meant to leave (no coordinated omission). Returns the sends the
 * generator could not make on time (a client's frame budget was spent).
 */
export async function openLoop(
  streams: readonly Stream[],
  start: number,
  durationMs: number,
): Promise<number> {
  const sent = streams.map(() => 0);
  const totals = streams.map((s) => Math.floor((s.rate * durationMs) / 1000));
  let skipped = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = nowMs();
      streams.forEach((stream, i) => {
        const total = totals[i] ?? 0;
        const due = Math.min(total, Math.floor(((now - start) * stream.rate) / 1000) + 1);
        for (let next = sent[i] ?? 0; next < due; next++) {
          const client = stream.clients[next % stream.clients.length];
          if (!client?.send(start + (next * 1000) / stream.rate)) skipped += 1;
          sent[i] = next + 1;
        }
      });
      const done = streams.every((_, i) => (sent[i] ?? 0) >= (totals[i] ?? 0));
      if (done || now - start > durationMs + 10_000) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  return skipped;
}
