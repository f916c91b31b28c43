/** The value at quantile `q` (0..1) of unsorted samples, nearest-rank; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** The median of repeated runs: the figure the reports quote, since one run on shared cores can be an outlier. */
export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  return quantile(finite, 0.5);
}

export type LatencySummary = Readonly<{ p50: number; p99: number; max: number; count: number }>;

export function summarize(samples: readonly number[]): LatencySummary {
  return {
    p50: round(quantile(samples, 0.5)),
    p99: round(quantile(samples, 0.99)),
    max: round(quantile(samples, 1)),
    count: samples.length,
  };
}

/** Three decimals: latencies are in ms, so this keeps microseconds and no false precision. */
export const round = (value: number, digits = 3): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};
