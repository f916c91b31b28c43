/**
 * The load generator: a separate process so its CPU never counts as the server's. It sets up devices
 * (registered accounts in one-to-one groups on Parley, named pairs on the bare relay, accounts on an XMPP
 * server), runs the chosen scenarios and prints one JSON result line on stdout. With --marks it pauses at
 * the start and end of every measured phase until the runner, having sampled the server, answers on stdin.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { LedgerRef } from './lib/bench-client.ts';
import { cluster } from './lib/cluster-scenarios.ts';
import { density } from './lib/density.ts';
import { fanout, groupMembers } from './lib/fanout.ts';
import { type Endpoint, setUpFleet } from './lib/generator-clients.ts';
import { Ledger } from './lib/ledger.ts';
import {
  offline,
  onlineBurst,
  onlineOpen,
  type ScenarioContext,
  type ScenarioResult,
  warmUp,
} from './lib/scenarios.ts';
import { slowConsumers } from './lib/slow-consumers.ts';
import { soak } from './lib/soak.ts';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'parley' },
    /** Parley or the relay: http://127.0.0.1:PORT. XMPP: xmpp://127.0.0.1:PORT. */
    url: { type: 'string' },
    /** S5 (cluster): every node's http://127.0.0.1:PORT, in node order; setup goes to --url. */
    urls: { type: 'string' },
    /** XMPP only: register accounts in-band (XEP-0077) before logging in. */
    'xmpp-register': { type: 'boolean', default: false },
    devices: { type: 'string', default: '200' },
    /** open, burst, sizes (S8), offline (S2), fanout (S3), cluster (S5), density (S4); run in this order. */
    scenarios: { type: 'string', default: 'open,burst,offline' },
    /** Comma-separated open-loop rates in msg/s, one scenario each. */
    rate: { type: 'string', default: '2000' },
    'duration-ms': { type: 'string', default: '8000' },
    window: { type: 'string', default: '8' },
    'offline-messages': { type: 'string', default: '10000' },
    'drain-ms': { type: 'string', default: '15000' },
    'warm-up': { type: 'string', default: '2000' },
    /** S8 payload sizes in bytes, one burst each. */
    sizes: { type: 'string', default: '200,2048,65536' },
    /** S3 group sizes; a size needs at least that many devices. */
    groups: { type: 'string', default: '10,100' },
    /** S3: senders per group, and messages each keeps not yet delivered to every member. */
    'fanout-senders': { type: 'string', default: '10' },
    'fanout-window': { type: 'string', default: '1' },
    /** S4: idle connections to hold, and upgrades to try beyond them (the runner sets the cap). */
    idle: { type: 'string', default: '500' },
    beyond: { type: 'string', default: '50' },
    /** S6 (soak) and S7 (slow): the others' open-loop rate, and how long each phase lasts. */
    'steady-rate': { type: 'string', default: '500' },
    'slow-ms': { type: 'string', default: '10000' },
    /** S7: payload size each slow device's partner sends it, and at what rate. */
    'slow-bytes': { type: 'string', default: '16384' },
    'slow-flood-rate': { type: 'string', default: '170' },
    'soak-ms': { type: 'string', default: '60000' },
    /** S6: how often the runner samples the server's memory and event loop. */
    'sample-ms': { type: 'string', default: '5000' },
    marks: { type: 'boolean', default: false },
  },
});

const int = (text: string | undefined, name: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};
const ints = (text: string | undefined, name: string): number[] =>
  [...new Set((text ?? '').split(',').filter((s) => s !== ''))].map((s) => int(s, name));

const target = values.target;
if (target !== 'parley' && target !== 'relay' && target !== 'xmpp')
  throw new Error('--target is parley, relay or xmpp');
const url = new URL(values.url ?? 'missing:');
if (
  url.hostname !== '127.0.0.1' ||
  url.port === '' ||
  url.protocol !== (target === 'xmpp' ? 'xmpp:' : 'http:')
)
  throw new Error('--url http://127.0.0.1:PORT (xmpp://127.0.0.1:PORT for XMPP) is required');
const base = `http://127.0.0.1:${url.port}`;
const endpoint: Endpoint =
  target === 'xmpp'
    ? {
        kind: 'xmpp',
        server: {
          port: Number(url.port),
          domain: 'localhost',
          muc: 'conference.localhost',
          register: values['xmpp-register'] === true,
        },
      }
    : { kind: target, base, wsUrl: `ws://127.0.0.1:${url.port}${target === 'parley' ? '/v1/ws' : '/'}` };
const deviceCount = int(values.devices, 'devices');
if (deviceCount % 2 !== 0) throw new Error('--devices must be even (devices are paired)');
const scenarios = (values.scenarios ?? '').split(',').filter((s) => s !== '');

const stdin = createInterface({ input: process.stdin });
const answers: (() => void)[] = [];
stdin.on('line', () => answers.shift()?.());

/** Prints a mark and, under --marks, waits (at most 30 s) for the runner to sample the server. */
async function mark(name: string): Promise<void> {
  process.stdout.write(`${JSON.stringify({ event: 'mark', name })}\n`);
  if (!values.marks) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 30_000);
    answers.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const emit = (event: string, fields: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);

async function main(): Promise<void> {
  const results: ScenarioResult[] = [];
  // S4 needs no pairs: it registers its own devices and holds them idle on a server of its own.
  if (scenarios.length === 1 && scenarios[0] === 'density') {
    if (endpoint.kind !== 'parley') throw new Error('density runs on Parley only');
    const idle = int(values.idle, 'idle');
    results.push(await density(base, endpoint.wsUrl, idle, int(values.beyond, 'beyond'), mark));
    emit('result', { target, devices: idle, results });
    return;
  }
  const setupStart = performance.now();
  const ledgers: LedgerRef = { current: new Ledger(0) };
  const fleet = await setUpFleet(endpoint, deviceCount, ledgers);
  const { clients } = fleet;
  emit('setup', { devices: deviceCount, seconds: (performance.now() - setupStart) / 1000 });

  const drainMs = int(values['drain-ms'], 'drain-ms');
  const ctx: ScenarioContext = { clients, ledgers, mark, drainMs, answersOnDelivery: target === 'xmpp' };
  const durationMs = int(values['duration-ms'], 'duration-ms');
  const window = int(values.window, 'window');
  await warmUp(ctx, int(values['warm-up'], 'warm-up'), window);
  for (const scenario of scenarios) {
    if (scenario === 'open') {
      for (const rate of ints(values.rate, 'rate')) results.push(await onlineOpen(ctx, rate, durationMs));
    } else if (scenario === 'burst') results.push(await onlineBurst(ctx, window, durationMs));
    else if (scenario === 'sizes') {
      for (const bytes of ints(values.sizes, 'sizes')) {
        for (const client of clients) client.setPayloadBytes(bytes);
        const named = { name: `online-burst-${bytes}B`, tag: 3_000_000 + bytes };
        // Large payloads keep one send in flight per device: 200 devices × 8 × 87 kB would be 140 MB queued.
        results.push(await onlineBurst(ctx, bytes >= 16_384 ? 1 : window, durationMs, named));
      }
      for (const client of clients) client.setPayloadBytes(330);
    } else if (scenario === 'offline' && target === 'parley')
      results.push(await offline(ctx, int(values['offline-messages'], 'offline-messages'), window));
    else if (scenario === 'fanout') {
      // Last: it points every client at a group instead of its partner.
      for (const size of ints(values.groups, 'groups')) {
        const members = groupMembers(deviceCount, size);
        if (members.length === 0) continue;
        const groups = await fleet.makeGroups(size, members);
        const load = {
          window: int(values['fanout-window'], 'fanout-window'),
          sendersPerGroup: int(values['fanout-senders'], 'fanout-senders'),
          durationMs,
        };
        results.push(await fanout(ctx, size, groups, load));
      }
    } else if (scenario === 'cluster' && target === 'parley') {
      const nodes = (values.urls ?? base).split(',');
      const rates = ints(values.rate, 'rate');
      const warm = int(values['warm-up'], 'warm-up');
      results.push(...(await cluster(ctx, nodes, { rates, durationMs, warmUp: warm, window })));
    } else if (scenario === 'slow' && target !== 'xmpp') {
      const load = {
        rate: int(values['steady-rate'], 'steady-rate'),
        durationMs: int(values['slow-ms'], 'slow-ms'),
        share: 0.01,
        floodBytes: int(values['slow-bytes'], 'slow-bytes'),
        floodRate: int(values['slow-flood-rate'], 'slow-flood-rate'),
        durable: target === 'parley',
      };
      results.push(...(await slowConsumers(ctx, load)));
    } else if (scenario === 'soak') {
      const rate = int(values['steady-rate'], 'steady-rate');
      results.push(
        await soak(ctx, rate, int(values['soak-ms'], 'soak-ms'), int(values['sample-ms'], 'sample-ms')),
      );
    } else throw new Error(`unknown scenario ${scenario} for ${target}`);
  }
  emit('result', { target, devices: deviceCount, results });
  await Promise.all(clients.map((c) => c.close()));
}

// S6 may soak for longer than the usual limit: it gets 10 minutes on top of its own length.
const watchdog = setTimeout(
  () => {
    process.stderr.write('load generator: overall time limit reached\n');
    process.exit(2);
  },
  Math.max(15 * 60_000, Number(values['soak-ms']) + 10 * 60_000),
);
watchdog.unref();

main().then(
  () => {
    stdin.close();
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`load generator failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
