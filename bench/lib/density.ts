import { WebSocket } from 'ws';
import { BenchClient, type LedgerRef } from './bench-client.ts';
import { sourceAddress } from './http-json.ts';
import { Ledger } from './ledger.ts';
import { logIn, pool, registerDevices } from './parley-setup.ts';
import { nowMs } from './payload.ts';
import { phase, type ScenarioResult } from './scenarios.ts';

/** Device indexes for S4 start here, so their source addresses and names never meet the pairs'. */
const firstIndex = 100_000;

type Refusal = 'server_busy' | 'opened' | 'other';

/** One WebSocket upgrade beyond the cap: what the server answered (503 with `server_busy` is the goal). */
function tryUpgrade(wsUrl: string, index: number): Promise<Refusal> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { localAddress: sourceAddress(index), perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      resolve('other');
    }, 10_000);
    const done = (outcome: Refusal) => {
      clearTimeout(timer);
      resolve(outcome);
    };
    ws.once('open', () => {
      ws.terminate();
      done('opened');
    });
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      response.on('end', () =>
        done(response.statusCode === 503 && body.includes('"server_busy"') ? 'server_busy' : 'other'),
      );
    });
    ws.once('error', () => done('other'));
  });
}

/**
 * S4 connection density on Parley: `count` registered devices log in at once (HTTP challenge login, then a
 * WebSocket authenticated until `synced`) and stay connected idle; the runner reads the server's RSS before
 * and after, so `idle` gives memory per connection and `login` logins per second. Then `beyond` more
 * upgrades must each be refused with 503 `server_busy` (the runner sets the cap to `count` through the
 * open-files limit), and after one device leaves, a new connection must be accepted again.
 */
export async function density(
  base: string,
  wsUrl: string,
  count: number,
  beyond: number,
  mark: (name: string) => Promise<void>,
): Promise<ScenarioResult> {
  const registered = await registerDevices(base, count, firstIndex);
  const ledgers: LedgerRef = { current: new Ledger(0) };
  const cpu = process.cpuUsage();
  await mark('density:idle:start');
  await mark('density:login:start');
  const start = nowMs();
  const clients = await pool(count, 64, async (i) => {
    const index = firstIndex + i;
    const device = registered[i];
    if (!device) throw new Error('missing device');
    const token = await logIn(base, index, device.credentials);
    const client = new BenchClient({ index, token, deviceId: device.deviceId, groupId: '' }, ledgers, wsUrl);
    await client.connect();
    return client;
  });
  const loggedIn = (nowMs() - start) / 1000;
  await mark('density:login:end');
  // Idle long enough for per-connection buffers and timers to settle before the RSS is read.
  await new Promise((r) => setTimeout(r, 3000));
  const held = clients.filter((c) => c.connected).length;
  await mark('density:idle:end');
  const idle = (nowMs() - start) / 1000;
  const outcomes = await pool(beyond, 16, (i) => tryUpgrade(wsUrl, firstIndex + count + i));
  const counted = (o: Refusal) => outcomes.filter((x) => x === o).length;
  await clients[0]?.close();
  let acceptedAgain = 0;
  for (let attempt = 0; attempt < 20 && acceptedAgain === 0; attempt++) {
    if ((await tryUpgrade(wsUrl, firstIndex)) === 'opened') acceptedAgain = 1;
    else await new Promise((r) => setTimeout(r, 100));
  }
  const dropped = clients.filter((c) => c.droppedWith !== undefined).length;
  await pool(clients.length, 256, (i) => clients[i]?.close() ?? Promise.resolve());
  const used = process.cpuUsage(cpu);
  return {
    scenario: 'density',
    phases: { login: phase(loggedIn, count), idle: phase(idle, held) },
    ledger: ledgers.current.report(),
    skipped: 0,
    late: 0,
    dropped,
    generatorCpuMs: Math.round((used.user + used.system) / 1000),
    counts: {
      held,
      refusedBusy: counted('server_busy'),
      openedBeyondCap: counted('opened'),
      otherBeyondCap: counted('other'),
      acceptedAgain,
    },
  };
}
