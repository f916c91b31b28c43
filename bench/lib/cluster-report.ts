import type { Row } from './measure.ts';
import { median } from './stats.ts';

const show = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
const med = (values: readonly (number | null | undefined)[]): number | null => {
  const finite = values.flatMap((v) => (v === null || v === undefined || !Number.isFinite(v) ? [] : [v]));
  return finite.length === 0 ? null : median(finite);
};
const total = (rows: readonly Row[], pick: (r: Row) => number) => rows.reduce((a, r) => a + pick(r), 0);

/** Medians over repetitions; "added" is each repetition's difference from its own one-node phase. */
function openLine(rows: readonly Row[], all: readonly Row[]): string {
  const added = (pick: (r: Row) => number | null) =>
    med(
      rows.map((r) => {
        const base = all.find(
          (b) =>
            b.rep === r.rep &&
            b.counts.nodes === 1 &&
            b.scenario === r.scenario.replace(/^cluster-\d+/, 'cluster-1'),
        );
        const own = pick(r);
        const one = base ? pick(base) : null;
        return own === null || one === null ? null : own - one;
      }),
    );
  const server = med(rows.map((r) => r.serverUsPerMsg));
  const db = med(rows.map((r) => r.dbUsPerMsg));
  return [
    rows[0]?.counts.nodes ?? '–',
    rows[0]?.scenario ?? '',
    rows.length,
    show(med(rows.map((r) => r.perSecond)), 0),
    show(med(rows.map((r) => r.p50Ms)), 2),
    show(med(rows.map((r) => r.p99Ms)), 2),
    show(
      added((r) => r.p50Ms),
      2,
    ),
    show(
      added((r) => r.p99Ms),
      2,
    ),
    show(server),
    show(db),
    show(server === null ? null : server + (db ?? 0)),
    total(rows, (r) => r.lost),
    total(rows, (r) => r.duplicated),
    total(rows, (r) => r.outOfOrder),
    show(med(rows.map((r) => r.noiseCores)), 2),
  ].join(' | ');
}

/**
 * S5: the same devices on 1, 2 and 3 nodes sharing PostgreSQL over NATS, with latency added by crossing
 * nodes, CPU summed over every node and all their backends; then the failover phase.
 */
export function clusterTable(rows: readonly Row[]): string {
  const mine = rows.filter((r) => r.target === 'cluster');
  if (mine.length === 0) return '(not run)';
  const byScenario = new Map<string, Row[]>();
  for (const r of mine) byScenario.set(r.scenario, [...(byScenario.get(r.scenario) ?? []), r]);
  const open = [...byScenario.values()].filter((g) => g[0]?.scenario.includes('-open-'));
  const failover = [...byScenario.values()].filter((g) => g[0]?.scenario.includes('-failover-'));
  const lines = [
    '| nodes | scenario | runs | msg/s | p50 ms | p99 ms | added p50 ms | added p99 ms | server µs/msg (all nodes) | ' +
      'db µs/msg | server+db µs/msg | lost | dup | out of order | noise cores |',
    `|${' --- |'.repeat(15)}`,
    ...open.map((g) => `| ${openLine(g, mine)} |`),
    '',
    '| nodes | scenario | runs | msg/s | p50 ms | p99 ms | max ms | clients on killed node | reconnected | ' +
      'still offline | reconnect p50 ms | reconnect max ms | resent after reconnect | redelivered (dropped by seq) | ' +
      'not sent while offline | unanswered | lost | dup | out of order | errors | noise cores |',
    `|${' --- |'.repeat(21)}`,
    ...failover.map((g) => {
      const count = (key: string) => med(g.map((r) => r.counts[key]));
      return `| ${[
        g[0]?.counts.nodes ?? '–',
        g[0]?.scenario ?? '',
        g.length,
        show(med(g.map((r) => r.perSecond)), 0),
        show(med(g.map((r) => r.p50Ms)), 1),
        show(med(g.map((r) => r.p99Ms)), 1),
        show(med(g.map((r) => r.maxMs)), 1),
        show(count('killedClients'), 0),
        show(count('reconnected'), 0),
        total(g, (r) => r.counts.stillOffline ?? 0),
        show(count('reconnectP50Ms'), 0),
        show(count('reconnectMaxMs'), 0),
        show(count('retried'), 0),
        show(count('redelivered'), 0),
        show(med(g.map((r) => r.skipped)), 0),
        total(g, (r) => r.unanswered),
        total(g, (r) => r.lost),
        total(g, (r) => r.duplicated),
        total(g, (r) => r.outOfOrder),
        total(g, (r) => r.errors),
        show(med(g.map((r) => r.noiseCores)), 2),
      ].join(' | ')} |`;
    }),
  ];
  return lines.join('\n');
}
