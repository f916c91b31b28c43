import { openLoop } from './open-loop.ts';
import { nowMs } from './payload.ts';
import { begin, phase, result, type ScenarioContext, type ScenarioResult, settle } from './scenarios.ts';
import { quantile, round } from './stats.ts';

/** The prefix of the marks at which the runner samples the server's memory and event loop during S6. */
export const soakSampleMark = 'soak:sample-';

/**
 * S6: the S1 open loop at a steady `rate` for `durationMs` on one server. Every `sampleMs` it marks a sample
 * without pausing the load (the runner reads the server's RSS, heap and event-loop delay there), and it
 * keeps the latency p99 per interval (a minute in long runs, a sixth of the soak in short ones), so a server
 * that slows down or grows as it runs shows up.
 */
export async function soak(
  ctx: ScenarioContext,
  rate: number,
  durationMs: number,
  sampleMs: number,
): Promise<ScenarioResult> {
  const ledger = begin(ctx, 6_000_000 + rate);
  const bucketMs = Math.min(60_000, Math.max(1000, Math.round(durationMs / 6000) * 1000));
  const buckets: number[][] = [];
  await ctx.mark('soak:online:start');
  const cpu = process.cpuUsage();
  const start = nowMs();
  ledger.onLatency = (latency) => {
    const i = Math.floor((nowMs() - start) / bucketMs);
    const bucket = buckets[i] ?? [];
    bucket.push(latency);
    buckets[i] = bucket;
  };
  const samples: Promise<void>[] = [];
  let sample = 0;
  const sampler = setInterval(() => {
    sample += 1;
    samples.push(ctx.mark(`${soakSampleMark}${sample}`));
  }, sampleMs);
  const skipped = await openLoop([{ clients: ctx.clients, rate }], start, durationMs);
  clearInterval(sampler);
  await Promise.all(samples);
  await settle(ledger, ctx.drainMs);
  const seconds = (nowMs() - start) / 1000;
  await ctx.mark('soak:online:end');
  const measured = await result(
    'soak',
    { online: phase(seconds, ledger.delivered) },
    ledger,
    skipped,
    ctx,
    cpu,
  );
  const counts: Record<string, number> = { bucketSeconds: bucketMs / 1000 };
  // Deliveries after the last full interval (the drain) belong to the last one.
  const whole = Math.max(1, Math.floor(durationMs / bucketMs));
  const merged = buckets.slice(0, whole);
  merged[whole - 1] = [...(merged[whole - 1] ?? []), ...buckets.slice(whole).flat()];
  merged.forEach((latencies, i) => {
    counts[`p99Ms@${((i + 1) * bucketMs) / 1000}s`] = round(quantile(latencies ?? [], 0.99), 1);
  });
  return { ...measured, counts };
}
