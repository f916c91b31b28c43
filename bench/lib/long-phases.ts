import type { Row, Sample } from './measure.ts';
import { soakSampleMark } from './soak.ts';
import { round } from './stats.ts';

/** Least-squares slope of y over x; NaN with fewer than two distinct x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

const mb = (kb: number) => round(kb / 1024, 1);

/** S7: the others' latency against the baseline of the same run, and what the server's memory did. */
function slowCounts(row: Row, rows: readonly Row[], samples: ReadonlyMap<string, Sample>) {
  const rate = row.scenario.slice('slow-consumers-'.length);
  const base = rows.find((r) => r.scenario === `slow-baseline-${rate}`);
  const growth = (name: string) => {
    const start = samples.get(`${name}:online:start`);
    const end = samples.get(`${name}:online:end`);
    return start && end ? mb(end.rssKb - start.rssKb) : Number.NaN;
  };
  const ratio = (a: number | null | undefined, b: number | null | undefined) =>
    a != null && b != null && b > 0 ? round(a / b, 2) : Number.NaN;
  return {
    p50Ratio: ratio(row.p50Ms, base?.p50Ms),
    p99Ratio: ratio(row.p99Ms, base?.p99Ms),
    rssGrowthMb: growth(row.scenario),
    baselineRssGrowthMb: growth(`slow-baseline-${rate}`),
  };
}

/**
 * S6: RSS and heap at the start and end of the soak and their slope over its second half (MB/min, from the
 * samples the runner took every few seconds), and the event-loop delay of the worst sampling interval.
 */
function soakCounts(samples: ReadonlyMap<string, Sample>) {
  const start = samples.get('soak:online:start');
  const end = samples.get('soak:online:end');
  if (!start || !end) return undefined;
  const series = [...samples]
    .filter(([name]) => name.startsWith(soakSampleMark))
    .map(([, s]) => s)
    .concat([end])
    .sort((a, b) => a.at - b.at);
  const minutes = (s: Sample) => (s.at - start.at) / 60_000;
  const half = minutes(end) / 2;
  const late = series.filter((s) => minutes(s) >= half);
  const heap = (s: Sample) => s.loop?.heapUsedMb ?? Number.NaN;
  const loops = series.flatMap((s) => (s.loop ? [s.loop] : []));
  return {
    counts: {
      samples: series.length,
      rssStartMb: mb(start.rssKb),
      rssEndMb: mb(end.rssKb),
      rssSlopeMbPerMin: round(slope(late.map((s) => [minutes(s), s.rssKb / 1024])), 2),
      heapStartMb: heap(start),
      heapEndMb: heap(end),
      heapSlopeMbPerMin: round(slope(late.map((s) => [minutes(s), heap(s)])), 2),
    },
    // Each reading covers one sampling interval: the soak's figure is its worst interval.
    loopP99Ms: loops.length > 0 ? Math.max(...loops.map((l) => l.p99Ms)) : null,
    loopMaxMs: loops.length > 0 ? Math.max(...loops.map((l) => l.maxMs)) : null,
  };
}

/** Adds what S6 and S7 measure across marks (trends, ratios within the run) to their rows. */
export function annotateLongPhases(rows: readonly Row[], samples: ReadonlyMap<string, Sample>): Row[] {
  return rows.map((row) => {
    if (row.scenario.startsWith('slow-consumers-'))
      return { ...row, counts: { ...row.counts, ...slowCounts(row, rows, samples) } };
    if (row.scenario === 'soak') {
      const soak = soakCounts(samples);
      if (!soak) return row;
      const loop = row.target === 'relay' ? {} : { loopP99Ms: soak.loopP99Ms, loopMaxMs: soak.loopMaxMs };
      return { ...row, ...loop, counts: { ...row.counts, ...soak.counts } };
    }
    return row;
  });
}
