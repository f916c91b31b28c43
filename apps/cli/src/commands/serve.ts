import { runServer } from '@parley/server';
import type { Command } from 'commander';

type ServeFlags = Readonly<{
  port?: number;
  data?: string;
  databaseUrl?: string;
  natsUrl?: string;
  logOrigin?: string;
  trustProxy?: string;
  metricsPort?: number;
  witness: string[];
}>;

/** `URL=VKEY`: the URL ends at the first `=` that starts a vkey (vkey names contain no `=`). */
function parseWitness(value: string): { url: string; vkey: string } {
  const at = value.indexOf('=', value.indexOf('://') + 3);
  if (at < 0) throw new Error(`--witness wants URL=VKEY, got ${value}`);
  return { url: value.slice(0, at), vkey: value.slice(at + 1) };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run a Parley server (embedded database unless --database-url is given)')
    .option('--port <n>', 'port to listen on (PORT, default 8080)', (v) => Number.parseInt(v, 10))
    .option(
      '--metrics-port <n>',
      'serve Prometheus GET /metrics on this port, loopback only unless PARLEY_METRICS_HOST (PARLEY_METRICS_PORT)',
      (v) => Number.parseInt(v, 10),
    )
    .option('--data <dir>', 'embedded database directory (PARLEY_DATA, default .parley/data)')
    .option('--database-url <url>', 'PostgreSQL URL (DATABASE_URL)')
    .option('--nats-url <url>', 'NATS URL for fan-out between server processes (NATS_URL)')
    .option('--log-origin <origin>', 'transparency log origin line and key name (PARLEY_LOG_ORIGIN)')
    .option(
      '--trust-proxy <hops|addresses>',
      'proxies whose X-Forwarded-For names the client for rate limits: a hop count or addresses/CIDRs (PARLEY_TRUST_PROXY)',
    )
    .option(
      '--witness <url=vkey>',
      'push each log checkpoint to this witness, whose cosignature key is vkey (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .action(async (options: ServeFlags) => {
      const server = await runServer({
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.data === undefined ? {} : { dataDir: options.data }),
        ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
        ...(options.natsUrl === undefined ? {} : { natsUrl: options.natsUrl }),
        ...(options.logOrigin === undefined ? {} : { logOrigin: options.logOrigin }),
        ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
        ...(options.metricsPort === undefined ? {} : { metricsPort: options.metricsPort }),
        logWitnesses: options.witness.map(parseWitness),
      });
      process.stderr.write(`Parley is serving on ${server.url.replace('127.0.0.1', 'localhost')}\n`);
    });
}
