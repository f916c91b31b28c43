import { ManualClock, type ParleyServer, type ServerConfig } from '../../src/index.ts';
import { startServer } from '../support/start.ts';

/** A server whose sequencer runs only when the test says so, on a clock the test moves. */
export async function startLogServer(
  options: Partial<ServerConfig> = {},
): Promise<Readonly<{ server: ParleyServer; clock: ManualClock }>> {
  const clock = new ManualClock();
  const server = await startServer({
    clock,
    logSequenceIntervalMs: 0,
    logBatchSize: 1000,
    httpRateLimit: { perSecond: 100_000, burst: 100_000 },
    ...options,
  });
  return { server, clock };
}

/** `n` distinct entries of varied length (0 to 299 bytes), so bundles exercise the length prefixes. */
export function entries(n: number, from = 0): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => {
    const k = from + i;
    return new TextEncoder().encode(`event ${k} ${'x'.repeat((k * 37) % 290)}`);
  });
}

export async function getBytes(server: ParleyServer, path: string): Promise<Response> {
  return fetch(`${server.url}${path}`);
}
