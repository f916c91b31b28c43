import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { WebSocket } from 'ws';
import { BenchClient } from './bench-client.ts';
import { readFrame } from './frames.ts';
import type { Ledger } from './ledger.ts';
import type { LoadClient } from './load-client.ts';
import { openLoop } from './open-loop.ts';
import { decodeHeader, nowMs, payloadBytes } from './payload.ts';
import { begin, phase, result, type ScenarioContext, type ScenarioResult } from './scenarios.ts';
import { median } from './stats.ts';

/** S7's load: the others' open loop, and what each slow device's partner sends it. */
export type SlowLoad = Readonly<{
  rate: number;
  durationMs: number;
  /** Share of the devices that stop reading (at least one). */
  share: number;
  floodBytes: number;
  /** Messages per second each slow device's partner sends it. */
  floodRate: number;
  /** Parley: the slow devices reconnect and catch up from the server. The relay has nothing to catch up from. */
  durable: boolean;
}>;

/** What happened to one slow device's stuck connection once it read again. */
type Outcome = Readonly<{ code: number; drainedBytes: number; closedAfterMs: number }>;

/** Once a stuck device reads again, it hangs up itself after this long with no byte and no close frame. */
const quietMs = 3000;
/** Parley closes a connection with more than this unsent (docs/protocol.md, close code 1013). */
const serverBoundBytes = 8 * 1024 * 1024;

/**
 * The most the kernel holds for a stuck loopback connection: the server's send buffer at its autotuned
 * maximum, and the device's receive buffer at its initial size (it only grows while the device reads).
 */
function kernelBufferBytes(): number {
  const sysctl = (name: string, field: number, fallback: number) => {
    try {
      const value = Number(readFileSync(`/proc/sys/net/ipv4/${name}`, 'utf8').trim().split(/\s+/)[field]);
      return Number.isFinite(value) && value > 0 ? value : fallback;
    } catch {
      return fallback;
    }
  };
  return sysctl('tcp_wmem', 2, 4 << 20) + sysctl('tcp_rmem', 1, 128 << 10);
}

/**
 * How long the stuck phase must last for the server's bound to be passed: every byte a stuck device does not
 * read first fills the kernel's buffers. Stuck devices reconnect just before, so their receive buffer has
 * not grown (a device that has been reading a flood can have 32 MB of it here).
 */
export function stuckPhaseMs(load: SlowLoad): number {
  const frameBytes = Math.ceil((load.floodBytes * 4) / 3) + 200;
  const needed = 1.1 * (serverBoundBytes + kernelBufferBytes());
  return Math.max(load.durationMs, Math.ceil((needed / (frameBytes * load.floodRate)) * 1000));
}
const reconnectAttempts = 3;

/** The second device of `count` pairs spread over the fleet; their partners are the ones who flood them. */
function pick(clients: readonly LoadClient[], share: number): { slow: BenchClient[]; floods: BenchClient[] } {
  const pairs = Math.floor(clients.length / 2);
  const count = Math.min(pairs, Math.max(1, Math.round(clients.length * share)));
  const slow: BenchClient[] = [];
  const floods: BenchClient[] = [];
  for (let i = 0; i < count; i++) {
    const pair = Math.floor((i * pairs) / count);
    const [flood, stuck] = [clients[2 * pair], clients[2 * pair + 1]];
    if (!(flood instanceof BenchClient) || !(stuck instanceof BenchClient))
      throw new Error('slow consumers run on Parley and the relay only');
    floods.push(flood);
    slow.push(stuck);
  }
  return { slow, floods };
}

/** Every send answered and every delivery owed to the readers made, or `limitMs` passed. */
async function othersSettled(ledger: Ledger, limitMs: number): Promise<void> {
  const deadline = nowMs() + limitMs;
  const done = () =>
    ledger.outstanding === 0 &&
    ledger.delivered - ledger.untimedDelivered >= ledger.expected - ledger.untimedExpected;
  while (!done() && nowMs() < deadline) await new Promise((r) => setTimeout(r, 5));
}

/** The TCP socket under a client's WebSocket: its byte count shows what the server had buffered. */
const socketOf = (ws: WebSocket | undefined): Socket | undefined => {
  const socket: unknown = ws ? Reflect.get(ws, '_socket') : undefined;
  return socket instanceof Socket ? socket : undefined;
};

/**
 * Lets a stuck device read again without reporting to the ledger (what it reads now, it reads again from its
 * cursor after reconnecting) and waits for the server's close frame behind what the server had buffered.
 * `closedAfterMs` runs from the start of the flood to the send time of the last message it still got.
 */
async function unstick(ws: WebSocket, floodStart: number, readAtStart: number): Promise<Outcome> {
  const socket = socketOf(ws);
  let lastSentAt = floodStart;
  ws.removeAllListeners('message');
  ws.on('message', (data: Buffer) => {
    const frame = readFrame(data.toString('utf8'));
    if (frame.type !== 'message' || frame.kind !== 'application') return;
    lastSentAt = Math.max(lastSentAt, decodeHeader(frame.payload)?.sentAt ?? 0);
  });
  const closed = new Promise<number>((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) resolve(1006);
    ws.once('close', (code) => resolve(code));
  });
  let hungUp = false;
  let lastRead = socket?.bytesRead ?? 0;
  let quietSince = nowMs();
  const timer = setInterval(() => {
    const read = socket?.bytesRead ?? 0;
    if (read !== lastRead) [lastRead, quietSince] = [read, nowMs()];
    else if (nowMs() - quietSince > quietMs) {
      hungUp = true;
      ws.terminate();
    }
  }, 100);
  ws.resume();
  const code = await closed;
  clearInterval(timer);
  const drainedBytes = (socket?.bytesRead ?? readAtStart) - readAtStart;
  // 0: the server never closed it; the device hung up itself once nothing more came.
  return { code: hungUp ? 0 : code, drainedBytes, closedAfterMs: lastSentAt - floodStart };
}

/**
 * Reconnects a device the server closed; returns how many attempts the server closed before `synced` (a
 * catch-up it cut off). Gives up after `reconnectAttempts`: what the device then misses counts as lost.
 */
async function reconnect(client: BenchClient): Promise<number> {
  for (let attempt = 0; attempt < reconnectAttempts; attempt++) {
    try {
      await client.connect();
      client.droppedWith = undefined;
      return attempt;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  client.droppedWith = undefined;
  return reconnectAttempts;
}

/**
 * S7: a baseline phase (everyone reads) and then the same load with 1 % of the devices no longer reading
 * their sockets, so the kernel's buffers and then the server's fill while each one's partner keeps sending
 * it `floodBytes` messages. The others run the S1 open loop in both; only their latency is timed. Afterwards
 * the stuck devices read again (Parley closes them at its bound: which code, after how many bytes and how
 * long) and reconnect, and must receive every message the server answered `sent` for them.
 */
export async function slowConsumers(ctx: ScenarioContext, load: SlowLoad): Promise<ScenarioResult[]> {
  const { slow, floods } = pick(ctx.clients, load.share);
  const stuck = new Set<LoadClient>([...slow, ...floods]);
  const others = ctx.clients.filter((c) => !stuck.has(c));
  const untimed = new Set(slow.map((c) => c.index));
  // Both phases last as long, so their latencies compare; the relay has no bound to reach.
  const phaseMs = load.durable ? stuckPhaseMs(load) : load.durationMs;
  for (const c of floods) c.setPayloadBytes(load.floodBytes);
  const streams = [
    { clients: others, rate: load.rate },
    { clients: floods, rate: load.floodRate * floods.length },
  ];
  const run = async (name: string, tag: number, paused: boolean) => {
    const ledger = begin(ctx, tag);
    ledger.untimed = untimed;
    if (paused) {
      await Promise.all(slow.map((c) => c.close()));
      await Promise.all(slow.map((c) => c.connect()));
      for (const c of slow) c.socket?.pause();
    }
    const readAtPause = slow.map((c) => socketOf(c.socket)?.bytesRead ?? 0);
    await ctx.mark(`${name}:online:start`);
    const cpu = process.cpuUsage();
    const start = nowMs();
    const skipped = await openLoop(streams, start, phaseMs);
    await othersSettled(ledger, ctx.drainMs);
    const seconds = (nowMs() - start) / 1000;
    const timed = ledger.delivered - ledger.untimedDelivered;
    await ctx.mark(`${name}:online:end`);
    return { ledger, start, readAtPause, skipped, cpu, phases: { online: phase(seconds, timed) } };
  };

  const base = await run(`slow-baseline-${load.rate}`, 7_000_000 + load.rate, false);
  await othersSettled(base.ledger, ctx.drainMs);
  const baseline = await result(
    `slow-baseline-${load.rate}`,
    base.phases,
    base.ledger,
    base.skipped,
    ctx,
    base.cpu,
  );

  const name = `slow-consumers-${load.rate}`;
  const stall = await run(name, 8_000_000 + load.rate, true);
  const outcomes: Outcome[] = [];
  let refused = 0;
  const reconnectStart = nowMs();
  await Promise.all(
    slow.map(async (client, i) => {
      const ws = client.socket;
      if (!ws) return;
      if (!load.durable) {
        // The relay keeps whatever it buffered: reading again delivers it, nothing is closed.
        ws.resume();
        return;
      }
      outcomes.push(await unstick(ws, stall.start, stall.readAtPause[i] ?? 0));
      refused += await reconnect(client);
    }),
  );
  const measured = await result(name, stall.phases, stall.ledger, stall.skipped, ctx, stall.cpu);
  if (!load.durable) {
    slow.forEach((c, i) => {
      const drainedBytes = (socketOf(c.socket)?.bytesRead ?? 0) - (stall.readAtPause[i] ?? 0);
      outcomes.push({ code: 0, drainedBytes, closedAfterMs: Number.NaN });
    });
  }
  for (const c of floods) c.setPayloadBytes(payloadBytes);
  const codes = outcomes.map((o) => o.code);
  const counts = {
    slowDevices: slow.length,
    // 1006: the server hung up before the device read its close frame (its close timer is 30 s).
    closedByServer: codes.filter((c) => c !== 0).length,
    closeCode: Math.max(0, ...codes),
    phaseMs,
    closedAfterMs: Math.round(median(outcomes.map((o) => o.closedAfterMs))),
    drainedKb: Math.round(Math.max(0, ...outcomes.map((o) => o.drainedBytes)) / 1024),
    durableToSlow: stall.ledger.untimedExpected,
    deliveredToSlow: stall.ledger.untimedDelivered,
    reconnectMs: Math.round(nowMs() - reconnectStart),
    refusedCatchUps: refused,
  };
  // JSON has no NaN: a figure that does not apply (the relay closes nothing) is left out.
  const finite = Object.fromEntries(Object.entries(counts).filter(([, v]) => Number.isFinite(v)));
  return [baseline, { ...measured, counts: finite }];
}
