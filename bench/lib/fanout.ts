import type { Audience } from './ledger.ts';
import { nowMs } from './payload.ts';
import { begin, phase, result, type ScenarioContext, settle } from './scenarios.ts';

/** One group of the S3 run: where its members send (a Parley group id or a MUC room) and who they are. */
export type FanoutGroup = Readonly<{ target: string; members: readonly number[] }>;

/** Splits the first `devices` device indexes into groups of `size` (as many whole groups as fit). */
export function groupMembers(devices: number, size: number): number[][] {
  const groups: number[][] = [];
  for (let first = 0; first + size <= devices; first += size)
    groups.push(Array.from({ length: size }, (_, i) => first + i));
  return groups;
}

/**
 * S3 group fan-out: the first `sendersPerGroup` members of every group send to it, each keeping `window`
 * messages that have not yet reached all other members (a closed loop on delivery, so neither server nor
 * generator queues grow without bound). One send is one ciphertext the server fans out to size − 1 devices;
 * the phase counts deliveries, so the runner reports server µs per delivery.
 */
export async function fanout(
  ctx: ScenarioContext,
  size: number,
  groups: readonly FanoutGroup[],
  load: Readonly<{ window: number; sendersPerGroup: number; durationMs: number }>,
) {
  const { window, durationMs } = load;
  const name = `fanout-${size}`;
  const groupOf = new Map<number, readonly number[]>();
  for (const group of groups) {
    for (const member of group.members) {
      groupOf.set(member, group.members);
      ctx.clients[member]?.sendTo(group.target, true);
    }
  }
  const audience: Audience = (sender) => (groupOf.get(sender) ?? []).filter((m) => m !== sender);
  const senders = groups.flatMap((g) =>
    g.members.slice(0, load.sendersPerGroup).flatMap((i) => {
      const client = ctx.clients[i];
      return client ? [client] : [];
    }),
  );
  // Unmeasured: one message from every sender reaches everyone, so every member is following the new group
  // (on Parley a commit adding 999 devices sets off 999 joins and catch-ups) before the clock starts.
  const warm = begin(ctx, 5_000_000 + size, audience);
  for (const client of senders) client.send(nowMs());
  await settle(warm, ctx.drainMs);
  const ledger = begin(ctx, 4_000_000 + size, audience);
  const inFlight = new Map<number, number>();
  let end = 0;
  const pump = (index: number) => {
    const client = ctx.clients[index];
    if (!client) return;
    let busy = inFlight.get(index) ?? 0;
    while (busy < window && nowMs() < end && client.send(nowMs())) busy += 1;
    inFlight.set(index, busy);
  };
  ledger.onComplete = (sender) => {
    inFlight.set(sender, (inFlight.get(sender) ?? 1) - 1);
    pump(sender);
  };
  await ctx.mark(`${name}:online:start`);
  const cpu = process.cpuUsage();
  const start = nowMs();
  end = start + durationMs;
  // Deliveries drive the loop; the timer restarts senders whose frame budget ran out.
  const timer = setInterval(() => {
    for (const client of senders) pump(client.index);
  }, 10);
  while (nowMs() < end) await new Promise((r) => setTimeout(r, 50));
  clearInterval(timer);
  await settle(ledger, ctx.drainMs);
  const seconds = (nowMs() - start) / 1000;
  await ctx.mark(`${name}:online:end`);
  return result(name, { online: phase(seconds, ledger.delivered) }, ledger, 0, ctx, cpu);
}
