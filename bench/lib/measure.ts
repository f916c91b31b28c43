import type { LoopLag } from './loop-lag-probe.ts';
import { clockTicks, machineBusyTicks, processMemory, processTicks } from './proc.ts';
import type { ScenarioResult } from './result-schema.ts';
import { round } from './stats.ts';

/** CPU counters at one mark, in clock ticks. `db` holds the server's own PostgreSQL backends by pid. */
export type Sample = Readonly<{
  at: number;
  server: number;
  generator: number;
  runner: number;
  machine: number;
  db: ReadonlyMap<number, number>;
  rssKb: number;
  peakKb: number;
  /** The server's event-loop delay since the previous mark (Parley only: see loop-lag.ts). */
  loop?: LoopLag | undefined;
}>;

export function takeSample(serverPid: number, generatorPid: number, dbPids: readonly number[]): Sample {
  const memory = processMemory(serverPid);
  return {
    at: performance.now(),
    server: processTicks(serverPid),
    generator: processTicks(generatorPid),
    runner: processTicks(process.pid),
    machine: machineBusyTicks(),
    db: new Map(dbPids.map((pid) => [pid, processTicks(pid)])),
    ...memory,
  };
}

export type Target = 'pglite' | 'postgres' | 'relay' | 'ejabberd' | 'prosody' | 'cluster';

/** One measured phase of one run: the unit the report takes medians over. */
export type Row = Readonly<{
  target: Target;
  scenario: string;
  rep: number;
  messages: number;
  seconds: number;
  perSecond: number;
  serverUsPerMsg: number;
  /** CPU of the PostgreSQL backends serving this server; null when there are none (PGlite, relay). */
  dbUsPerMsg: number | null;
  generatorUsPerMsg: number;
  /** Other processes on the machine during the phase, in cores (2 = both cores busy). */
  noiseCores: number;
  serverRssMb: number;
  serverPeakMb: number;
  /** Server RSS growth over the phase ÷ its messages (S4: memory per idle connection). */
  rssKbPerUnit: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  persistP99Ms: number | null;
  /** The server's event-loop delay over the phase, in ms; null where it is not measured. */
  loopP50Ms: number | null;
  loopP99Ms: number | null;
  loopMaxMs: number | null;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  unanswered: number;
  errors: number;
  late: number;
  dropped: number;
  skipped: number;
  stale: number;
  ownEchoes: number;
  counts: Readonly<Record<string, number>>;
}>;

const usPer = (ticks: number, messages: number) =>
  messages > 0 ? round(((ticks / clockTicks) * 1e6) / messages, 1) : Number.NaN;

function dbTicks(start: Sample, end: Sample): number {
  let total = 0;
  // A backend first seen at the end was opened during the phase, so all of its time belongs to it.
  for (const [pid, ticks] of end.db) total += ticks - (start.db.get(pid) ?? 0);
  return total;
}

/** Turns a generator result and the samples taken at its marks into one row per measured phase. */
export function rowsFor(
  target: Target,
  rep: number,
  result: ScenarioResult,
  samples: ReadonlyMap<string, Sample>,
): Row[] {
  const rows: Row[] = [];
  for (const [name, phase] of Object.entries(result.phases)) {
    const start = samples.get(`${result.scenario}:${name}:start`);
    const end = samples.get(`${result.scenario}:${name}:end`);
    if (!start || !end) throw new Error(`no samples for ${result.scenario}:${name}`);
    const server = end.server - start.server;
    const generator = end.generator - start.generator;
    const db = dbTicks(start, end);
    const others = end.machine - start.machine - server - generator - db - (end.runner - start.runner);
    const seconds = (end.at - start.at) / 1000;
    const online = name === 'online';
    const ledger = result.ledger;
    rows.push({
      target,
      scenario: name === 'online' ? result.scenario : `${result.scenario}/${name}`,
      rep,
      messages: phase.messages,
      seconds: phase.seconds,
      perSecond: phase.perSecond,
      serverUsPerMsg: usPer(server, phase.messages),
      dbUsPerMsg: end.db.size > 0 ? usPer(db, phase.messages) : null,
      generatorUsPerMsg: usPer(generator, phase.messages),
      noiseCores: round(Math.max(0, others) / clockTicks / seconds, 2),
      serverRssMb: round(end.rssKb / 1024, 0),
      serverPeakMb: round(end.peakKb / 1024, 0),
      rssKbPerUnit: phase.messages > 0 ? round((end.rssKb - start.rssKb) / phase.messages, 1) : Number.NaN,
      p50Ms: online ? ledger.latencyMs.p50 : null,
      p99Ms: online ? ledger.latencyMs.p99 : null,
      maxMs: online ? ledger.latencyMs.max : null,
      persistP99Ms: name === 'drain' ? null : ledger.persistLatencyMs.p99,
      loopP50Ms: end.loop?.p50Ms ?? null,
      loopP99Ms: end.loop?.p99Ms ?? null,
      loopMaxMs: end.loop?.maxMs ?? null,
      lost: ledger.lost,
      duplicated: ledger.duplicated,
      outOfOrder: ledger.outOfOrder,
      unanswered: ledger.unanswered,
      errors: Object.values(ledger.errors).reduce((a, b) => a + b, 0),
      late: result.late,
      dropped: result.dropped,
      skipped: result.skipped,
      stale: ledger.stale,
      ownEchoes: ledger.ownEchoes,
      counts: result.counts ?? {},
    });
  }
  return rows;
}
