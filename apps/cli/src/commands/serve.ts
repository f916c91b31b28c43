import { runServer } from '@parley/server';
import type { Command } from 'commander';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run a Parley server (embedded database unless --database-url is given)')
    .option('--port <n>', 'port to listen on (PORT, default 8080)', (v) => Number.parseInt(v, 10))
    .option('--data <dir>', 'embedded database directory (PARLEY_DATA, default .parley/data)')
    .option('--database-url <url>', 'PostgreSQL URL (DATABASE_URL)')
    .option('--nats-url <url>', 'NATS URL for fan-out between server processes (NATS_URL)')
    .action(async (options: { port?: number; data?: string; databaseUrl?: string; natsUrl?: string }) => {
      const server = await runServer({
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.data === undefined ? {} : { dataDir: options.data }),
        ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }),
        ...(options.natsUrl === undefined ? {} : { natsUrl: options.natsUrl }),
      });
      process.stderr.write(`Parley is serving on ${server.url.replace('127.0.0.1', 'localhost')}\n`);
    });
}
