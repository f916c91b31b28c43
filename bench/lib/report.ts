import type { Row, Target } from './measure.ts';
import { median } from './stats.ts';

/** Medians over repetitions for the figures that vary, totals for the counts that must be zero. */
export type Summary = Readonly<{
  target: Target;
  scenario: string;
  reps: number;
  perSecond: number;
  serverUsPerMsg: number;
  dbUsPerMsg: number | null;
  generatorUsPerMsg: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  persistP99Ms: number | null;
  loopP99Ms: number | null;
  loopMaxMs: number | null;
  noiseCores: number;
  serverPeakMb: number;
  rssKbPerUnit: number;
  /** Medians per run of the scenario's own counts (S4). */
  counts: Readonly<Record<string, number>>;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  unanswered: number;
  errors: number;
  late: number;
  dropped: number;
}>;

const med = (rows: readonly Row[], pick: (r: Row) => number | null): number | null => {
  const values = rows.flatMap((r) => {
    const v = pick(r);
    return v === null ? [] : [v];
  });
  return values.length === 0 ? null : median(values);
};
const sum = (rows: readonly Row[], pick: (r: Row) => number) => rows.reduce((a, r) => a + pick(r), 0);

export function summarize(rows: readonly Row[]): Summary[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.target}\u0000${row.scenario}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].flatMap((group) => {
    const first = group[0];
    if (!first) return [];
    return [
      {
        target: first.target,
        scenario: first.scenario,
        reps: group.length,
        perSecond: med(group, (r) => r.perSecond) ?? 0,
        serverUsPerMsg: med(group, (r) => r.serverUsPerMsg) ?? 0,
        dbUsPerMsg: med(group, (r) => r.dbUsPerMsg),
        generatorUsPerMsg: med(group, (r) => r.generatorUsPerMsg) ?? 0,
        p50Ms: med(group, (r) => r.p50Ms),
        p99Ms: med(group, (r) => r.p99Ms),
        maxMs: med(group, (r) => r.maxMs),
        persistP99Ms: med(group, (r) => r.persistP99Ms),
        loopP99Ms: med(group, (r) => r.loopP99Ms),
        loopMaxMs: med(group, (r) => r.loopMaxMs),
        noiseCores: med(group, (r) => r.noiseCores) ?? 0,
        serverPeakMb: med(group, (r) => r.serverPeakMb) ?? 0,
        rssKbPerUnit: med(group, (r) => r.rssKbPerUnit) ?? Number.NaN,
        counts: medianCounts(group),
        lost: sum(group, (r) => r.lost),
        duplicated: sum(group, (r) => r.duplicated),
        outOfOrder: sum(group, (r) => r.outOfOrder),
        unanswered: sum(group, (r) => r.unanswered),
        errors: sum(group, (r) => r.errors),
        late: sum(group, (r) => r.late),
        dropped: sum(group, (r) => r.dropped),
      },
    ];
  });
}

function medianCounts(rows: readonly Row[]): Record<string, number> {
  const keys = new Set(rows.flatMap((r) => Object.keys(r.counts)));
  return Object.fromEntries([...keys].map((k) => [k, median(rows.map((r) => r.counts[k] ?? Number.NaN))]));
}

const show = (value: number | null, digits = 1): string =>
  value === null || !Number.isFinite(value) ? '–' : value.toFixed(digits);

/** The markdown table printed at the end of a run and written to the report. */
export function markdownTable(summaries: readonly Summary[]): string {
  const header =
    '| target | scenario | msg/s | server µs/msg | db µs/msg | gen µs/msg | p50 ms | p99 ms | max ms | ' +
    'persist p99 ms | loop p99 ms | loop max ms | lost | dup | out of order | unanswered | errors | late | ' +
    'noise cores | server peak MB |';
  const rule = `|${' --- |'.repeat(20)}`;
  const lines = summaries.map((s) =>
    [
      s.target,
      s.scenario,
      show(s.perSecond, 0),
      show(s.serverUsPerMsg),
      show(s.dbUsPerMsg),
      show(s.generatorUsPerMsg),
      show(s.p50Ms, 2),
      show(s.p99Ms, 2),
      show(s.maxMs, 1),
      show(s.persistP99Ms, 1),
      show(s.loopP99Ms, 1),
      show(s.loopMaxMs, 1),
      s.lost,
      s.duplicated,
      s.outOfOrder,
      s.unanswered,
      s.errors,
      s.late,
      show(s.noiseCores, 2),
      show(s.serverPeakMb, 0),
    ].join(' | '),
  );
  return [header, rule, ...lines.map((l) => `| ${l} |`)].join('\n');
}

const peers: readonly Target[] = ['relay', 'ejabberd', 'prosody'];

/** Server plus database CPU: the peers keep their state in-process, so Parley's PostgreSQL counts too. */
const cost = (s: Summary): number => s.serverUsPerMsg + (s.dbUsPerMsg ?? 0);

/**
 * Parley (`base`) against each peer, scenario by scenario: server (+ database) CPU per message (per delivery
 * in S3) and p99 latency, as ratios within the same run (the figures that survive the machine's neighbours).
 */
export function ratioTable(summaries: readonly Summary[], base: Target): string {
  const header =
    `| scenario | ${base} server+db µs | ${peers.map((p) => `${p} µs | ÷ ${p}`).join(' | ')} | ` +
    `${base} p99 ms | ${peers.map((p) => `${p} p99 ms`).join(' | ')} |`;
  const rule = `|${' --- |'.repeat(3 + peers.length * 3)}`;
  const find = (target: Target, scenario: string) =>
    summaries.find((s) => s.target === target && s.scenario === scenario);
  const lines = summaries
    .filter(
      (s) => s.target === base && !s.scenario.startsWith('density') && !s.scenario.startsWith('offline'),
    )
    .map((own) => {
      const cells = peers.map((p) => {
        const other = find(p, own.scenario);
        return other ? `${show(cost(other))} | ${show(cost(own) / cost(other), 2)}` : '– | –';
      });
      const p99s = peers.map((p) => show(find(p, own.scenario)?.p99Ms ?? null, 1));
      return `| ${own.scenario} | ${show(cost(own))} | ${cells.join(' | ')} | ${show(own.p99Ms, 1)} | ${p99s.join(' | ')} |`;
    });
  return [header, rule, ...lines].join('\n');
}

/** S4: logins per second, server CPU per login, memory per idle connection, and what happened at the cap. */
export function densityTable(summaries: readonly Summary[]): string {
  const login = summaries.find((s) => s.scenario === 'density/login');
  const idle = summaries.find((s) => s.scenario === 'density/idle');
  if (!login || !idle) return '(not run)';
  const c = idle.counts;
  return [
    '| logins/s | server µs/login | generator µs/login | connections held | server RSS KB/connection | refused 503 server_busy | opened beyond cap | other beyond cap | accepted again after one left | dropped | noise cores |',
    `|${' --- |'.repeat(11)}`,
    `| ${show(login.perSecond, 0)} | ${show(login.serverUsPerMsg, 0)} | ${show(login.generatorUsPerMsg, 0)} | ${c.held ?? '–'} | ${show(idle.rssKbPerUnit, 1)} | ${c.refusedBusy ?? '–'} | ${c.openedBeyondCap ?? '–'} | ${c.otherBeyondCap ?? '–'} | ${c.acceptedAgain ?? '–'} | ${idle.dropped} | ${show(idle.noiseCores, 2)} |`,
  ].join('\n');
}
