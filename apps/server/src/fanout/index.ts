import type { Fanout } from './fanout.ts';
import type { FanoutErrorHandler } from './fanout-guards.ts';
import { InProcessFanout } from './in-process-fanout.ts';
import { NatsFanout } from './nats-fanout.ts';

export type { Fanout, FanoutSubscription } from './fanout.ts';
export { topics } from './fanout.ts';
export {
  FanoutClosedError,
  type FanoutErrorHandler,
  FanoutPayloadTooLargeError,
  InvalidTopicError,
  maxFanoutPayloadBytes,
} from './fanout-guards.ts';
export { InProcessFanout, type InProcessFanoutOptions } from './in-process-fanout.ts';
export {
  FanoutBufferOverflowError,
  NatsConnectError,
  NatsFanout,
  type NatsFanoutOptions,
  type NatsFanoutStatus,
} from './nats-fanout.ts';

/** What `createServer` knows about fan-out; `main.ts` fills it from the environment. */
export type FanoutConfig = Readonly<{
  /** Set when several server processes share one database; without it fan-out stays in this process. */
  natsUrl?: string;
  /** Subject prefix on the shared NATS server. */
  natsPrefix?: string;
  /** This process's name in NATS monitoring. */
  name?: string;
  onError?: FanoutErrorHandler;
}>;

/**
 * Picks the adapter: NATS when a URL is configured (rejects if it is unreachable, so a misconfigured
 * cluster fails at start, not by silently splitting into islands), otherwise the in-process bus.
 */
export async function createFanout(config: FanoutConfig): Promise<Fanout> {
  const { natsUrl, natsPrefix, name, onError } = config;
  if (natsUrl === undefined || natsUrl === '') return new InProcessFanout({ onError });
  return NatsFanout.connect({ url: natsUrl, prefix: natsPrefix, name: name ?? 'parley-server', onError });
}
