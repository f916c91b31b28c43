import type { Bar } from './bar-chart.tsx';
import { type ReportRow, restrictive, statusLabel } from './report-document.ts';

/** One jurisdiction's rows of a half-year added up across request classes. */
export type JurisdictionTotals = Readonly<{
  code: string;
  name: string;
  status: string;
  since: string;
  statement: string;
  received: number;
  produced: number;
  paused: number;
  redirected: number;
  rejected: number;
  other: number;
}>;

export function byJurisdiction(rows: readonly ReportRow[]): readonly JurisdictionTotals[] {
  const out = new Map<string, JurisdictionTotals>();
  for (const r of rows) {
    const was = out.get(r.jurisdiction);
    const sum = (pick: (t: JurisdictionTotals) => number, value: number) => (was ? pick(was) : 0) + value;
    const produced = r.requestsWithDataProduced;
    const settled = produced + r.pausedNotProcessed + r.redirected + r.rejected;
    out.set(r.jurisdiction, {
      code: r.jurisdiction,
      name: r.jurisdictionName,
      status: r.policyStatus,
      since: r.policySince,
      statement: r.policyStatement,
      received: sum((t) => t.received, r.requestsReceived),
      produced: sum((t) => t.produced, produced),
      paused: sum((t) => t.paused, r.pausedNotProcessed),
      redirected: sum((t) => t.redirected, r.redirected),
      rejected: sum((t) => t.rejected, r.rejected),
      other: sum((t) => t.other, Math.max(0, r.requestsReceived - settled)),
    });
  }
  return [...out.values()].sort((a, b) => b.received - a.received || a.code.localeCompare(b.code));
}

/** A bar per jurisdiction: what became of the requests it sent in the half-year. */
export function outcomeBars(totals: readonly JurisdictionTotals[]): readonly Bar[] {
  return totals.map((t) => ({
    label: restrictive.has(t.status) ? `${t.code} (${statusLabel(t.status)})` : t.code,
    highlight: restrictive.has(t.status),
    segments: [
      { key: 'produced', label: 'Data produced', value: t.produced },
      { key: 'paused', label: 'Paused, not processed', value: t.paused },
      { key: 'redirected', label: 'Redirected', value: t.redirected },
      { key: 'rejected', label: 'Rejected', value: t.rejected },
      { key: 'other', label: 'Other or pending', value: t.other },
    ],
  }));
}

/** A bar per jurisdiction and half-year: requests received, to see a pause's effect over time. */
export function receivedOverTime(
  periods: readonly Readonly<{ period: string; rows: readonly ReportRow[] }>[],
): readonly Bar[] {
  const series = periods.flatMap((p) => byJurisdiction(p.rows).map((t) => ({ period: p.period, t })));
  return series
    .sort((a, b) => a.t.code.localeCompare(b.t.code) || a.period.localeCompare(b.period))
    .map(({ period, t }) => ({
      label: `${t.code} ${period}`,
      highlight: restrictive.has(t.status),
      segments: [
        { key: 'produced', label: 'Data produced', value: t.produced },
        { key: 'received', label: 'Received, no data produced', value: t.received - t.produced },
      ],
    }));
}
