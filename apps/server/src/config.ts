import { limits } from '@parley/protocol';
import type { Clock } from './clock.ts';
import { type TrustProxy, trustNoProxy } from './http/client-address.ts';

/** Everything a server needs; `main.ts` builds it from flags and the environment, tests build it directly. */
export type ServerConfig = Readonly<{
  port: number;
  host: string;
  /** PostgreSQL URL; absent means embedded PGlite. */
  databaseUrl?: string;
  /** PostgreSQL schema (tests use one each). */
  databaseSchema?: string;
  /** PGlite data directory; absent (with no databaseUrl) means in memory. */
  dataDir?: string;
  /** NATS URL for fan-out between processes; absent means in-process. */
  natsUrl?: string;
  /** Undelivered messages are deleted after this long. */
  messageTtlMs: number;
  /** WebSocket connections are refused beyond this, before the process runs out of file descriptors. */
  maxConnections: number;
  /** How often the sweeper deletes delivered and expired data. */
  sweepIntervalMs: number;
  /**
   * Staff/officer password hashes (argon2id, 19 MiB each) computed at once; more are refused with
   * `sign_in_busy`. Kept below libuv's 4 worker threads so file and DNS work never waits behind a flood.
   */
  passwordHashConcurrency: number;
  /** Per-client-address HTTP rate limit; loopback load tests raise it. */
  httpRateLimit: Readonly<{ perSecond: number; burst: number }>;
  /** Serve Prometheus `GET /metrics` on this port (0: any free one) of `metricsHost`; absent serves none. */
  metricsPort?: number;
  metricsHost: string;
  /** The key-encryption key sealing the server's secrets in the database (32 bytes); absent stores them as they are. */
  secretKey?: Uint8Array;
  /** One log line per HTTP request (method, route template, status, time; no address, no query). */
  accessLog: boolean;
  /** Which proxies in front of the server may name the client (`X-Forwarded-For`); none by default. */
  trustProxy: TrustProxy;
  /** Transparency log origin line, also its key's name (c2sp.org/tlog-checkpoint). */
  logOrigin: string;
  /** Entries integrated per sequencer batch; each batch ends with a signed checkpoint. */
  logBatchSize: number;
  /** A checkpoint is signed at least this often, even when nothing was appended. */
  logCheckpointIntervalMs: number;
  /** How often the sequencer looks for queued entries; 0 leaves sequencing to explicit calls (tests). */
  logSequenceIntervalMs: number;
  /** Witnesses each new checkpoint is pushed to: base URL and cosignature/v1 vkey. */
  logWitnesses: readonly Readonly<{ url: string; vkey: string }>[];
  /**
   * Publish a key directory epoch as soon as an account key or device list changes, so contacts can verify
   * it at once; off, changes wait for the timer's epoch.
   */
  ktPublishOnChange: boolean;
  /** How often the key directory publishes the changes staged since the last epoch; 0 leaves it to calls. */
  ktEpochIntervalMs: number;
  /** How often deferred notices, preservation expiry and lifted pauses are processed; 0 leaves it to tests. */
  governanceSweepIntervalMs: number;
  /** The built web app (apps/web/dist) served at `/`; absent serves no web app. */
  webRoot?: string;
  clock?: Clock;
  /** Receives structured log lines (ids and counts only); defaults to none. */
  log?: (event: string, fields?: Readonly<Record<string, string | number | boolean>>) => void;
}>;

export const defaultConfig = {
  port: 8080,
  host: '127.0.0.1',
  messageTtlMs: 30 * 24 * 3600 * 1000,
  maxConnections: 19_000,
  sweepIntervalMs: 60_000,
  passwordHashConcurrency: 2,
  httpRateLimit: { perSecond: limits.httpRequestsPerSecond, burst: limits.httpRequestBurst },
  trustProxy: trustNoProxy,
  accessLog: false,
  metricsHost: '127.0.0.1',
  logOrigin: 'parley.example/log',
  logBatchSize: 4096,
  logCheckpointIntervalMs: 24 * 3600 * 1000,
  logSequenceIntervalMs: 1000,
  logWitnesses: [],
  governanceSweepIntervalMs: 60_000,
  ktPublishOnChange: true,
  ktEpochIntervalMs: 60_000,
} as const satisfies Partial<ServerConfig>;
