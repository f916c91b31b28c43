import { setTimeout as sleep } from 'node:timers/promises';
import { BenchClient } from './bench-client.ts';
import type { LoadClient } from './load-client.ts';
import { nowMs } from './payload.ts';
import { begin, onlineOpen, type ScenarioContext, type ScenarioResult, settle } from './scenarios.ts';
import { round } from './stats.ts';

/** S5's load: open-loop rates, phase length, the unmeasured warm-up after every move between nodes. */
export type ClusterLoad = Readonly<{
  rates: readonly number[];
  durationMs: number;
  warmUp: number;
  window: number;
}>;

const wsOf = (base: string): string => `${base.replace(/^http/, 'ws')}/v1/ws`;
const reconnectLimitMs = 30_000;

/**
 * S5: the same devices on 1, 2, … N nodes (device i on node i mod n, so the two devices of a pair are
 * always on different nodes once n > 1 and every message crosses nodes), an open loop at each rate on
 * each, then a failover phase on all N nodes in which the last node is killed a third of the way in.
 */
export async function cluster(
  ctx: ScenarioContext,
  nodes: readonly string[],
  load: ClusterLoad,
): Promise<ScenarioResult[]> {
  const clients = ctx.clients.map((c: LoadClient) => {
    if (!(c instanceof BenchClient)) throw new Error('the cluster scenario runs on Parley only');
    return c;
  });
  const results: ScenarioResult[] = [];
  for (let n = 1; n <= nodes.length; n++) {
    await attach(clients, nodes, n);
    await warmUp(ctx, 4_000_000 + n * 20_000, load.warmUp, load.window);
    for (const rate of load.rates) {
      const name = `cluster-${n}-open-${rate}`;
      const run = await onlineOpen(ctx, rate, load.durationMs, { name, tag: 4_000_000 + n * 20_000 + rate });
      results.push({ ...run, counts: { nodes: n, ...errorCounts(run) } });
    }
  }
  if (nodes.length > 1) results.push(await failover(ctx, clients, nodes, load));
  return results;
}

/** Error answers by code, so a run's JSONL says what failed. */
const errorCounts = (run: ScenarioResult): Record<string, number> =>
  Object.fromEntries(Object.entries(run.ledger.errors).map(([code, n]) => [`error:${code}`, n]));

/**
 * An unmeasured closed loop after every move, so no phase pays for a cold node. Each gets its own tag: a
 * client id the server has seen is answered with its first seq and never delivered again.
 */
async function warmUp(ctx: ScenarioContext, tag: number, messages: number, window: number): Promise<void> {
  const ledger = begin(ctx, tag);
  const deadline = nowMs() + 30_000;
  const pump = (client: LoadClient) => {
    for (let i = 0; i < window && client.outstanding < window && ledger.attempted < messages; i++) {
      if (!client.send(nowMs())) break;
    }
  };
  for (const client of ctx.clients) client.onAnswer = () => pump(client);
  const timer = setInterval(() => {
    for (const client of ctx.clients) pump(client);
  }, 10);
  while (ledger.attempted < messages && nowMs() < deadline) await sleep(50);
  clearInterval(timer);
  for (const client of ctx.clients) client.onAnswer = undefined;
  await settle(ledger, ctx.drainMs);
}

/** Moves every device to node (index mod n); sockets close cleanly, with their last ack sent. */
async function attach(clients: readonly BenchClient[], nodes: readonly string[], n: number): Promise<void> {
  await Promise.all(clients.map((c) => c.close()));
  for (const c of clients) c.retarget(wsOf(nodes[c.index % n] ?? '')); // n ≤ nodes.length
  for (let i = 0; i < clients.length; i += 50)
    await Promise.all(clients.slice(i, i + 50).map((c) => c.connect()));
}

/**
 * Kills the last node (the runner does, at the `kill:<node>` mark) during an open loop on all nodes. Its
 * clients see the close, wait a short jittered backoff and reconnect to another node, authenticate with
 * their token, catch up from their cursor and resend what was never answered. Sends that fall due while a
 * device is offline are not made (counted as skipped).
 */
async function failover(
  ctx: ScenarioContext,
  clients: readonly BenchClient[],
  nodes: readonly string[],
  load: ClusterLoad,
): Promise<ScenarioResult> {
  const n = nodes.length;
  const victim = n - 1;
  const rate = load.rates[load.rates.length - 1] ?? 1000;
  await attach(clients, nodes, n);
  const times: number[] = [];
  const nodeOf = new Map(clients.map((c) => [c, c.index % n]));
  for (const client of clients) {
    client.onDropped = () => {
      void reconnect(client, nodes, nodeOf.get(client) ?? 0, times).then((node) => nodeOf.set(client, node));
    };
  }
  const before = tally(clients);
  const kill = { ms: load.durationMs / 3, run: () => void ctx.mark(`kill:${victim}`) };
  const name = `cluster-${n}-failover-${rate}`;
  const run = await onlineOpen(ctx, rate, load.durationMs, { name, tag: 5_000_000 + rate, at: kill });
  for (const client of clients) client.onDropped = undefined;
  const after = tally(clients);
  const sorted = [...times].sort((a, b) => a - b);
  const counts = {
    nodes: n,
    ...errorCounts(run),
    killedClients: clients.filter((c) => c.index % n === victim).length,
    reconnected: times.length,
    stillOffline: clients.filter((c) => !c.connected).length,
    reconnectP50Ms: round(sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN, 1),
    reconnectMaxMs: round(sorted[sorted.length - 1] ?? Number.NaN, 1),
    redelivered: after.redelivered - before.redelivered,
    retried: after.retried - before.retried,
  };
  return { ...run, counts };
}

const tally = (clients: readonly BenchClient[]) => ({
  redelivered: clients.reduce((a, c) => a + c.redelivered, 0),
  retried: clients.reduce((a, c) => a + c.retried, 0),
});

/** Tries the other nodes in turn, from a different one per device so the load spreads over the survivors. */
async function reconnect(
  client: BenchClient,
  nodes: readonly string[],
  from: number,
  times: number[],
): Promise<number> {
  const droppedAt = nowMs();
  const others = nodes.flatMap((_, i) => (i === from ? [] : [i]));
  let delayMs = 50;
  for (let attempt = 0; nowMs() - droppedAt < reconnectLimitMs; attempt++) {
    // Jitter, so the clients of one node do not all come back in the same millisecond.
    await sleep(delayMs * (0.5 + Math.random()));
    const node = others[(client.index + attempt) % others.length] ?? from;
    client.retarget(wsOf(nodes[node] ?? ''));
    try {
      await client.connect();
      times.push(nowMs() - droppedAt);
      return node;
    } catch {
      delayMs = Math.min(delayMs * 2, 1000);
    }
  }
  return from;
}
