import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultConfig, type ServerConfig } from './config.ts';
import { processLogger } from './logger.ts';
import { readSecretKeyFile } from './sealed-secrets.ts';
import { createServer, type ParleyServer } from './server.ts';
import { readSettings } from './settings/read-settings.ts';

export type ServeOptions = Readonly<{
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  natsUrl?: string;
  logOrigin?: string;
  trustProxy?: string;
  metricsPort?: number;
  logWitnesses?: ServerConfig['logWitnesses'];
}>;

/**
 * Runs a server as a process: settings come from flags, then the environment, then the config file named by
 * PARLEY_CONFIG (see `settings/rules.ts` for every one); SIGINT/SIGTERM drain and exit. The only place that
 * reads process.env.
 */
export async function runServer(options: ServeOptions = {}): Promise<ParleyServer> {
  const text = (value: number | string | undefined) => (value === undefined ? undefined : String(value));
  const settings = readSettings(
    {
      PORT: text(options.port),
      PARLEY_DATA: options.dataDir,
      DATABASE_URL: options.databaseUrl,
      NATS_URL: options.natsUrl,
      PARLEY_LOG_ORIGIN: options.logOrigin,
      PARLEY_TRUST_PROXY: options.trustProxy,
      PARLEY_METRICS_PORT: text(options.metricsPort),
    },
    process.env,
  );
  const databaseUrl = settings.DATABASE_URL;
  const config: Partial<ServerConfig> = {
    port: settings.PORT ?? defaultConfig.port,
    host: settings.HOST ?? defaultConfig.host,
    ...(databaseUrl ? { databaseUrl } : { dataDir: resolve(settings.PARLEY_DATA ?? '.parley/data') }),
    ...(settings.NATS_URL ? { natsUrl: settings.NATS_URL } : {}),
    ...(settings.PARLEY_METRICS_PORT === undefined
      ? {}
      : {
          metricsPort: settings.PARLEY_METRICS_PORT,
          metricsHost: settings.PARLEY_METRICS_HOST ?? '127.0.0.1',
        }),
    ...secretKey(settings.PARLEY_SECRET_KEY_FILE),
    accessLog: settings.PARLEY_ACCESS_LOG ?? false,
    ...(settings.PARLEY_TRUST_PROXY ? { trustProxy: settings.PARLEY_TRUST_PROXY } : {}),
    logOrigin: settings.PARLEY_LOG_ORIGIN ?? defaultConfig.logOrigin,
    logWitnesses: options.logWitnesses ?? [],
    ktEpochIntervalMs: (settings.PARLEY_KT_EPOCH_SECONDS ?? defaultConfig.ktEpochIntervalMs / 1000) * 1000,
    webRoot: resolve(settings.PARLEY_WEB_ROOT ?? fileURLToPath(new URL('../../web/dist', import.meta.url))),
    messageTtlMs: (settings.PARLEY_MESSAGE_TTL_DAYS ?? 30) * 24 * 3600 * 1000,
    maxConnections: settings.PARLEY_MAX_CONNECTIONS ?? connectionCap(),
    log: processLogger(settings.PARLEY_LOG_LEVEL ?? 'info'),
  };
  if (config.logOrigin === defaultConfig.logOrigin)
    process.stderr.write(
      `parley: the transparency log's origin is the placeholder ${defaultConfig.logOrigin}; set PARLEY_LOG_ORIGIN ` +
        '(or --log-origin) to your public name, such as chat.example.org/log, before serving anyone: ' +
        'changing it later takes a log-key rotation announced in the log (parley admin rotate-log-key).\n',
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

/** The key-encryption key for the server's secrets at rest; without one, secrets are stored in clear. */
function secretKey(path: string | undefined): Partial<ServerConfig> {
  if (path !== undefined) return { secretKey: readSecretKeyFile(path, 'PARLEY_SECRET_KEY_FILE') };
  process.stderr.write(
    'parley: PARLEY_SECRET_KEY_FILE is not set, so the log signing key and TOTP seeds are stored in the database in clear\n',
  );
  return {};
}

/**
 * WebSocket connections allowed: the soft open-files limit less a reserve for the database, NATS, logs and
 * plain HTTP, so the process refuses connections before it could fail for want of a descriptor.
 */
function connectionCap(): number {
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
