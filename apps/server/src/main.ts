import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig, type ServerConfig } from './config.ts';
import { parseTrustProxy, type TrustProxy } from './http/client-address.ts';
import { createServer, type ParleyServer } from './server.ts';

export type ServeOptions = Readonly<{
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  natsUrl?: string;
  logOrigin?: string;
  trustProxy?: string;
  logWitnesses?: ServerConfig['logWitnesses'];
}>;

/**
 * Runs a server as a process: flags win over the environment (PORT, PARLEY_DATA, DATABASE_URL, NATS_URL,
 * PARLEY_MESSAGE_TTL_DAYS, PARLEY_LOG_ORIGIN, PARLEY_TRUST_PROXY, PARLEY_WEB_ROOT,
 * PARLEY_KT_EPOCH_SECONDS), SIGINT/SIGTERM drain and exit. The only place that reads process.env.
 */
export async function runServer(options: ServeOptions = {}): Promise<ParleyServer> {
  const env = process.env;
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;
  const natsUrl = options.natsUrl ?? env.NATS_URL;
  const ttlDays = setting(
    'PARLEY_MESSAGE_TTL_DAYS',
    env.PARLEY_MESSAGE_TTL_DAYS ?? '30',
    wholeNumber(1, 3650),
  );
  const config: Partial<ServerConfig> = {
    port: setting('PORT', String(options.port ?? env.PORT ?? defaultConfig.port), wholeNumber(0, 65535)),
    host: setting('HOST', env.HOST ?? defaultConfig.host, hostName),
    ...(databaseUrl
      ? { databaseUrl }
      : { dataDir: resolve(options.dataDir ?? env.PARLEY_DATA ?? '.parley/data') }),
    ...(natsUrl ? { natsUrl } : {}),
    trustProxy: setting(
      'PARLEY_TRUST_PROXY',
      options.trustProxy ?? env.PARLEY_TRUST_PROXY ?? '',
      trustedProxies,
    ),
    logOrigin: options.logOrigin ?? env.PARLEY_LOG_ORIGIN ?? defaultConfig.logOrigin,
    logWitnesses: options.logWitnesses ?? [],
    ktEpochIntervalMs:
      setting(
        'PARLEY_KT_EPOCH_SECONDS',
        env.PARLEY_KT_EPOCH_SECONDS ?? String(defaultConfig.ktEpochIntervalMs / 1000),
        wholeNumber(0, 86_400),
      ) * 1000,
    webRoot: resolve(env.PARLEY_WEB_ROOT ?? fileURLToPath(new URL('../../web/dist', import.meta.url))),
    messageTtlMs: ttlDays * 24 * 3600 * 1000,
    maxConnections: connectionCap(),
    log: (event, fields) =>
      process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), event, ...fields })}\n`),
  };
  if (config.logOrigin === defaultConfig.logOrigin)
    process.stderr.write(
      `parley: the transparency log's origin is the placeholder ${defaultConfig.logOrigin}; set PARLEY_LOG_ORIGIN ` +
        '(or --log-origin) to your public name, such as chat.example.org/log, before serving anyone: ' +
        'a log cannot change its origin later.\n',
    );
  const server = await createServer(config);
  const stop = (signal: string) => {
    config.log?.('server.stopping', { signal });
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}

/** A setting that does not parse: the message names it and says what it takes. */
export class ConfigError extends Error {
  constructor(name: string, value: string, wants: string) {
    super(`${name}=${JSON.stringify(value)} is not valid: ${wants}`);
    this.name = 'ConfigError';
  }
}

type Parse<T> = Readonly<{ wants: string; parse: (value: string) => T | undefined }>;

const wholeNumber = (min: number, max: number): Parse<number> => ({
  wants: `a whole number from ${min} to ${max}`,
  parse: (value) => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    return n >= min && n <= max ? n : undefined;
  },
});

const trustedProxies: Parse<TrustProxy> = {
  wants:
    'a number of proxy hops (1 for one reverse proxy) or a comma-separated list of proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal',
  parse: parseTrustProxy,
};

const hostName: Parse<string> = {
  wants: 'an IP address or host name to listen on, such as 127.0.0.1 (the default), 0.0.0.0 or ::',
  parse: (value) => (/^[A-Za-z0-9.:-]{1,253}$/.test(value) ? value : undefined),
};

function setting<T>(name: string, value: string, rule: Parse<T>): T {
  const parsed = rule.parse(value);
  if (parsed === undefined) throw new ConfigError(name, value, rule.wants);
  return parsed;
}

/**
 * WebSocket connections allowed: the soft open-files limit less a reserve for the database, NATS, logs and
 * plain HTTP, so the process refuses connections before it could fail for want of a descriptor.
 */
function connectionCap(): number {
  const fromEnv = Number(process.env.PARLEY_MAX_CONNECTIONS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    if (Number.isFinite(soft) && soft > 0)
      return Math.max(16, Math.min(defaultConfig.maxConnections, soft - 1000));
  } catch {
    // Not Linux: fall back to the default cap.
  }
  return defaultConfig.maxConnections;
}
