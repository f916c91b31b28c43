import type { Summary } from './report.ts';

const show = (value: number | null | undefined, digits = 1): string =>
  value == null || !Number.isFinite(value) ? '–' : value.toFixed(digits);

/**
 * S7: the others' latency with 1 % of the devices stuck, against the baseline phase of the same run (ratios
 * are medians of each run's own ratio), the server's RSS growth, and what became of the stuck connections.
 */
export function slowTable(summaries: readonly Summary[]): string {
  const rows = summaries.filter((s) => s.scenario.startsWith('slow-consumers-'));
  if (rows.length === 0) return '(not run)';
  const header =
    '| target | rate | baseline p50 / p99 ms | stuck p50 / p99 ms | p99 ratio | loop p99 ms base / stuck | ' +
    'RSS growth MB base / stuck | stuck devices | closed by server | close code | closed after ms | ' +
    'drained KB | durable to stuck | delivered to stuck | lost | noise cores |';
  const lines = rows.map((s) => {
    const rate = s.scenario.slice('slow-consumers-'.length);
    const base = summaries.find((b) => b.target === s.target && b.scenario === `slow-baseline-${rate}`);
    const c = s.counts;
    return [
      s.target,
      rate,
      `${show(base?.p50Ms, 2)} / ${show(base?.p99Ms, 1)}`,
      `${show(s.p50Ms, 2)} / ${show(s.p99Ms, 1)}`,
      show(c.p99Ratio, 2),
      `${show(base?.loopP99Ms)} / ${show(s.loopP99Ms)}`,
      `${show(c.baselineRssGrowthMb)} / ${show(c.rssGrowthMb)}`,
      show(c.slowDevices, 0),
      show(c.closedByServer, 0),
      show(c.closeCode, 0),
      show(c.closedAfterMs, 0),
      show(c.drainedKb, 0),
      show(c.durableToSlow, 0),
      show(c.deliveredToSlow, 0),
      s.lost + (base?.lost ?? 0),
      show(s.noiseCores, 2),
    ].join(' | ');
  });
  return [header, `|${' --- |'.repeat(16)}`, ...lines.map((l) => `| ${l} |`)].join('\n');
}

/** S6: throughput and latency over the soak, p99 per interval, and the server's memory trend. */
export function soakTable(summaries: readonly Summary[]): string {
  const rows = summaries.filter((s) => s.scenario === 'soak');
  if (rows.length === 0) return '(not run)';
  const header =
    '| target | msg/s | p50 / p99 ms | p99 ms per interval | loop p99 / max ms | RSS start → end MB | ' +
    'RSS slope MB/min (2nd half) | heap start → end MB | heap slope MB/min | lost | dup | noise cores |';
  const lines = rows.map((s) => {
    const c = s.counts;
    const perInterval = Object.entries(c)
      .filter(([k]) => k.startsWith('p99Ms@'))
      .map(([k, v]) => `${k.slice('p99Ms@'.length)}: ${show(v, 0)}`)
      .join(', ');
    return [
      s.target,
      show(s.perSecond, 0),
      `${show(s.p50Ms, 2)} / ${show(s.p99Ms, 1)}`,
      perInterval,
      `${show(s.loopP99Ms)} / ${show(s.loopMaxMs)}`,
      `${show(c.rssStartMb, 0)} → ${show(c.rssEndMb, 0)}`,
      show(c.rssSlopeMbPerMin, 2),
      `${show(c.heapStartMb, 0)} → ${show(c.heapEndMb, 0)}`,
      show(c.heapSlopeMbPerMin, 2),
      s.lost,
      s.duplicated,
      show(s.noiseCores, 2),
    ].join(' | ');
  });
  return [header, `|${' --- |'.repeat(12)}`, ...lines.map((l) => `| ${l} |`)].join('\n');
}
