/**
 * The load generator: a separate process so its CPU never counts as the server's. It sets up devices
 * (registered accounts in one-to-one groups on Parley, or named pairs on the bare relay), runs the chosen
 * scenarios and prints one JSON result line on stdout. With --marks it pauses at the start and end of every
 * measured phase until the runner, having sampled the server, answers with a line on stdin.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { BenchClient, type LedgerRef } from './lib/bench-client.ts';
import { Ledger } from './lib/ledger.ts';
import { type Device, relayDevices, setUpParley } from './lib/parley-setup.ts';
import {
  offline,
  onlineBurst,
  onlineOpen,
  type ScenarioContext,
  type ScenarioResult,
  warmUp,
} from './lib/scenarios.ts';

const { values } = parseArgs({
  options: {
    target: { type: 'string', default: 'parley' },
    url: { type: 'string' },
    devices: { type: 'string', default: '200' },
    scenarios: { type: 'string', default: 'open,burst,offline' },
    /** Comma-separated open-loop rates in msg/s, one scenario each. */
    rate: { type: 'string', default: '2000' },
    'duration-ms': { type: 'string', default: '8000' },
    window: { type: 'string', default: '8' },
    'offline-messages': { type: 'string', default: '10000' },
    'drain-ms': { type: 'string', default: '15000' },
    'warm-up': { type: 'string', default: '2000' },
    marks: { type: 'boolean', default: false },
  },
});

const int = (text: string | undefined, name: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
};

const base = values.url;
if (!base || !/^http:\/\/127\.0\.0\.1:\d+$/.test(base))
  throw new Error('--url http://127.0.0.1:PORT is required');
const target = values.target;
if (target !== 'parley' && target !== 'relay') throw new Error('--target is parley or relay');
const deviceCount = int(values.devices, 'devices');
if (deviceCount % 2 !== 0) throw new Error('--devices must be even (devices are paired)');
const scenarios = (values.scenarios ?? '').split(',').filter((s) => s !== '');
const wsUrl = `${base.replace('http', 'ws')}${target === 'parley' ? '/v1/ws' : '/'}`;

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
  const setupStart = performance.now();
  const devices: Device[] =
    target === 'parley' ? await setUpParley(base ?? '', deviceCount) : relayDevices(deviceCount);
  const ledgers: LedgerRef = { current: new Ledger(0) };
  const clients = devices.map((d) => new BenchClient(d, ledgers));
  for (let i = 0; i < clients.length; i += 50)
    await Promise.all(clients.slice(i, i + 50).map((c) => c.connect(wsUrl)));
  emit('setup', { devices: deviceCount, seconds: (performance.now() - setupStart) / 1000 });

  const drainMs = int(values['drain-ms'], 'drain-ms');
  const ctx: ScenarioContext = { clients, ledgers, wsUrl, mark, drainMs };
  const durationMs = int(values['duration-ms'], 'duration-ms');
  const window = int(values.window, 'window');
  await warmUp(ctx, int(values['warm-up'], 'warm-up'), window);
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    if (scenario === 'open') {
      const rates = new Set((values.rate ?? '').split(',').map((r) => int(r, 'rate')));
      for (const rate of rates) results.push(await onlineOpen(ctx, rate, durationMs));
    } else if (scenario === 'burst') results.push(await onlineBurst(ctx, window, durationMs));
    else if (scenario === 'offline' && target === 'parley')
      results.push(await offline(ctx, int(values['offline-messages'], 'offline-messages'), window));
    else throw new Error(`unknown scenario ${scenario} for ${target}`);
  }
  emit('result', { target, devices: deviceCount, results });
  await Promise.all(clients.map((c) => c.close()));
}

const watchdog = setTimeout(() => {
  process.stderr.write('load generator: overall time limit reached\n');
  process.exit(2);
}, 15 * 60_000);
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
