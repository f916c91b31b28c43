/**
 * What one more idle, authenticated WebSocket costs the server in memory, measured with forced garbage
 * collection (S4 reads RSS without it, so its figure carries the login storm's garbage).
 *
 *   node --expose-gc --import tsx bench/connection-memory.ts [--count 2000] [--database-url postgres://…]
 *
 * The server runs in this process on PostgreSQL (a fresh schema, dropped afterwards); the devices run in a
 * child process. Half of them log in and connect first, so lazily built code, pools and the allocator's
 * high-water mark are not charged to connections; then the other half connect. Each step is read after
 * repeated full collections, and the marginal cost is (second reading − first) ÷ the second half.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createServer } from '@parley/server';
import pg from 'pg';
import { WebSocket } from 'ws';
import { sourceAddress } from './lib/http-json.ts';
import { logIn, pool, registerDevices } from './lib/parley-setup.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    /** Internal: run as the devices' process against this server URL. */
    devices: { type: 'string' },
  },
});
const count = Number(values.count);
const firstIndex = 100_000;

type Reading = Readonly<{ rss: number; heapUsed: number; external: number }>;

async function reading(): Promise<Reading> {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 100));
  }
  const { rss, heapUsed, external } = process.memoryUsage();
  return { rss, heapUsed, external };
}

/** The devices' side: registers, then connects the half it is told to and reports back. */
async function runDevices(base: string): Promise<void> {
  const registered = await registerDevices(base, count, firstIndex);
  const sockets: WebSocket[] = [];
  const connect = (from: number, to: number) =>
    pool(to - from, 64, async (k) => {
      const i = from + k;
      const device = registered[i];
      if (!device) throw new Error('missing device');
      const token = await logIn(base, firstIndex + i, device.credentials);
      const ws = new WebSocket(`${base.replace('http', 'ws')}/v1/ws`, {
        localAddress: sourceAddress(firstIndex + i),
        perMessageDeflate: false,
      });
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
        ws.on('message', (data) => {
          if (String(data).includes('"synced"')) resolve();
        });
        ws.once('error', reject);
      });
      sockets.push(ws);
    });
  const half = Math.floor(count / 2);
  process.on('message', async (step) => {
    if (step === 'first') await connect(0, half);
    if (step === 'second') await connect(half, count);
    if (step === 'close') for (const ws of sockets) ws.terminate();
    process.send?.(step);
  });
  process.send?.('registered');
}

async function main(): Promise<void> {
  const url = values['database-url'] ?? '';
  const schema = `connmem_${randomBytes(4).toString('hex')}`;
  const server = await createServer({
    port: 0,
    host: '127.0.0.1',
    databaseUrl: url,
    databaseSchema: schema,
    maxConnections: count + 100,
  });
  const child = fork(fileURLToPath(import.meta.url), ['--devices', server.url, '--count', String(count)], {
    execArgv: ['--import', 'tsx'],
  });
  const step = (name: string) =>
    new Promise<void>((resolve) => {
      const onMessage = (message: unknown) => {
        if (message !== name) return;
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      if (name !== 'registered') child.send(name);
    });
  try {
    await step('registered');
    await step('first');
    const first = await reading();
    await step('second');
    const second = await reading();
    const added = count - Math.floor(count / 2);
    const per = (key: keyof Reading) => ((second[key] - first[key]) / added / 1024).toFixed(2);
    process.stdout.write(
      `${added} connections added to ${count - added}: per connection rss ${per('rss')} KB, ` +
        `heap ${per('heapUsed')} KB, external ${per('external')} KB ` +
        `(server rss ${(second.rss / 1048576).toFixed(0)} MB)\n`,
    );
    await step('close');
  } finally {
    child.kill();
    await server.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

if (values.devices) await runDevices(values.devices);
else await main();
