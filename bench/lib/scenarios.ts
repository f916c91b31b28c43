import type { LedgerRef } from './bench-client.ts';
import { type Audience, Ledger, type LedgerReport } from './ledger.ts';
import type { LoadClient } from './load-client.ts';
import { nowMs } from './payload.ts';
import { round } from './stats.ts';

/** What a scenario needs: the connected clients, the shared ledger slot, and the runner's measuring marks. */
export type ScenarioContext = Readonly<{
  /** Indexed by device index. */
  clients: readonly LoadClient[];
  ledgers: LedgerRef;
  /** True where the protocol has no `sent` answer (XMPP): a send counts as answered once delivered. */
  answersOnDelivery: boolean;
  /** Tells the runner a measured phase starts or ends, and waits until it has sampled the server. */
  mark: (name: string) => Promise<void>;
  drainMs: number;
}>;

/** One measured interval: the runner divides the server's CPU over it by `messages`. */
export type Phase = Readonly<{ seconds: number; messages: number; perSecond: number }>;

export type ScenarioResult = Readonly<{
  scenario: string;
  phases: Readonly<Record<string, Phase>>;
  ledger: LedgerReport;
  /** Sends the generator could not make on time (its own frame budget was spent); should be 0. */
  skipped: number;
  /** Deliveries after the measured window closed (the generator waits a bounded grace before judging loss). */
  late: number;
  /** Sockets the server closed during the scenario. */
  dropped: number;
  generatorCpuMs: number;
  counts?: Readonly<Record<string, number>>;
}>;

const pollMs = 5;

/** Waits until every durable message has arrived and every send is answered, or `limitMs` passes. */
export async function settle(ledger: Ledger, limitMs: number): Promise<void> {
  const deadline = nowMs() + limitMs;
  while (!ledger.settled && nowMs() < deadline) await new Promise((r) => setTimeout(r, pollMs));
}

export function begin(ctx: ScenarioContext, scenario: number, audience?: Audience): Ledger {
  const ledger = new Ledger(scenario, audience);
  if (ctx.answersOnDelivery) ledger.onComplete = (sender) => ctx.clients[sender]?.completed();
  ctx.ledgers.current = ledger;
  for (const client of ctx.clients) client.resetCounter();
  return ledger;
}

export function phase(seconds: number, messages: number): Phase {
  return { seconds: round(seconds), messages, perSecond: round(messages / seconds, 0) };
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return round((used.user + used.system) / 1000, 1);
};

const dropped = (clients: readonly LoadClient[]) => clients.filter((c) => c.droppedWith !== undefined).length;

/**
 * Unmeasured warm-up: a fresh process runs its first thousands of messages through the interpreter and
 * the JIT, which would otherwise be charged to whichever scenario comes first.
 */
export async function warmUp(ctx: ScenarioContext, messages: number, window: number): Promise<void> {
  const ledger = begin(ctx, 0);
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
  while (ledger.attempted < messages && nowMs() < deadline) await new Promise((r) => setTimeout(r, 50));
  clearInterval(timer);
  for (const client of ctx.clients) client.onAnswer = undefined;
  await settle(ledger, ctx.drainMs);
}

/**
 * Open loop: messages leave on a fixed schedule (round robin over every device, each to its partner)
 * whatever the server answers, so a slow server shows up as latency, not as a lower send rate. `options`
 * renames the phase and may run one action `at.ms` into it without stalling the schedule (S5 kills a node).
 */
export async function onlineOpen(
  ctx: ScenarioContext,
  rate: number,
  durationMs: number,
  options: Readonly<{ name?: string; tag?: number; at?: Readonly<{ ms: number; run: () => void }> }> = {},
) {
  const name = options.name ?? `online-open-${rate}`;
  const at = options.at;
  // Scenario numbers only need to differ between scenarios of one run; rates never repeat in a run.
  const ledger = begin(ctx, options.tag ?? 1_000_000 + rate);
  const total = Math.floor((rate * durationMs) / 1000);
  let next = 0;
  let skipped = 0;
  let acted = at === undefined;
  await ctx.mark(`${name}:online:start`);
  const cpu = process.cpuUsage();
  const start = nowMs();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = nowMs();
      if (!acted && at && now - start >= at.ms) {
        acted = true;
        at.run();
      }
      const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
      for (; next < due; next++) {
        const client = ctx.clients[next % ctx.clients.length];
        if (!client?.send(start + (next * 1000) / rate)) skipped += 1;
      }
      if (next >= total || now - start > durationMs + 10_000) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  await settle(ledger, ctx.drainMs);
  const seconds = (nowMs() - start) / 1000;
  await ctx.mark(`${name}:online:end`);
  return result(name, { online: phase(seconds, ledger.delivered) }, ledger, skipped, ctx, cpu);
}

/** Closed loop: each device keeps `window` sends unanswered for `durationMs`, as fast as answers return. */
export async function onlineBurst(
  ctx: ScenarioContext,
  window: number,
  durationMs: number,
  /** S8 runs it once per payload size, each under its own name and payload tag. */
  named: Readonly<{ name: string; tag: number }> = { name: 'online-burst', tag: 2 },
) {
  const { name } = named;
  const ledger = begin(ctx, named.tag);
  await ctx.mark(`${name}:online:start`);
  const cpu = process.cpuUsage();
  const start = nowMs();
  const end = start + durationMs;
  const pump = (client: LoadClient) => {
    for (let i = 0; i < window && client.outstanding < window && nowMs() < end; i++) {
      if (!client.send(nowMs())) break;
    }
  };
  for (const client of ctx.clients) client.onAnswer = () => pump(client);
  // Answers drive the loop; the timer only restarts clients whose frame budget ran out.
  const timer = setInterval(() => {
    for (const client of ctx.clients) pump(client);
  }, 10);
  while (nowMs() < end) await new Promise((r) => setTimeout(r, 50));
  clearInterval(timer);
  for (const client of ctx.clients) client.onAnswer = undefined;
  await settle(ledger, ctx.drainMs);
  const seconds = (nowMs() - start) / 1000;
  await ctx.mark(`${name}:online:end`);
  return result(name, { online: phase(seconds, ledger.delivered) }, ledger, 0, ctx, cpu);
}

/**
 * Store and forward: the second device of every pair is offline while the first sends `messages` in all
 * (a window of `window` unanswered sends each); then the receivers connect and drain their backlog.
 */
export async function offline(ctx: ScenarioContext, messages: number, window: number) {
  const senders = ctx.clients.filter((c) => c.index % 2 === 0);
  const receivers = ctx.clients.filter((c) => c.index % 2 === 1);
  await Promise.all(receivers.map((c) => c.close()));
  const ledger = begin(ctx, 3);
  const perSender = Math.ceil(messages / senders.length);
  const sentBy = new Map<LoadClient, number>();
  await ctx.mark('offline:persist:start');
  const cpu = process.cpuUsage();
  const start = nowMs();
  const deadline = start + ctx.drainMs + (messages / 100) * 1000;
  const pump = (client: LoadClient) => {
    let sent = sentBy.get(client) ?? 0;
    for (let i = 0; i < window && client.outstanding < window && sent < perSender; i++) {
      if (!client.send(nowMs())) break;
      sent += 1;
    }
    sentBy.set(client, sent);
  };
  for (const client of senders) client.onAnswer = () => pump(client);
  const timer = setInterval(() => {
    for (const client of senders) pump(client);
  }, 10);
  const allSent = () => senders.every((c) => (sentBy.get(c) ?? 0) >= perSender);
  while (!(allSent() && ledger.outstanding === 0) && nowMs() < deadline)
    await new Promise((r) => setTimeout(r, pollMs));
  clearInterval(timer);
  for (const client of senders) client.onAnswer = undefined;
  const persisted = (nowMs() - start) / 1000;
  await ctx.mark('offline:persist:end');
  await ctx.mark('offline:drain:start');
  const drainStart = nowMs();
  await Promise.all(receivers.map((c) => c.connect()));
  await settle(ledger, ctx.drainMs);
  const drained = (nowMs() - drainStart) / 1000;
  await ctx.mark('offline:drain:end');
  const phases = { persist: phase(persisted, ledger.durable), drain: phase(drained, ledger.delivered) };
  return result('offline', phases, ledger, 0, ctx, cpu);
}

/** Outside the measured window: waits a bounded grace for stragglers, then judges loss and order. */
export async function result(
  scenario: string,
  phases: Record<string, Phase>,
  ledger: Ledger,
  skipped: number,
  ctx: ScenarioContext,
  cpu: NodeJS.CpuUsage,
): Promise<ScenarioResult> {
  const generatorCpuMs = cpuMs(cpu);
  const inWindow = ledger.delivered;
  await settle(ledger, 2 * ctx.drainMs);
  return {
    scenario,
    phases,
    ledger: ledger.report(),
    skipped,
    late: ledger.delivered - inWindow,
    dropped: dropped(ctx.clients),
    generatorCpuMs,
  };
}
