import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runGenerator } from './lib/generator-process.ts';
import { loopLagFlags, readLoopLag, removeLoopLagFile } from './lib/loop-lag-probe.ts';
import type { GeneratorResult, ScenarioResult } from './lib/result-schema.ts';
import { type Running, startTarget } from './lib/targets.ts';

/** S4's connection cap in the smoke run: the server's open-files limit is set to this + 1000. */
const cap = 20;

/**
 * The benchmark's own correctness, never its timing: a tiny run of every Parley scenario through the real
 * generator and a real `parley serve` process must deliver every acknowledged message exactly once (to every
 * member, in groups) and in each sender's order; S4 must hold its connections and see every one beyond the
 * cap refused with 503 server_busy. PostgreSQL when PARLEY_TEST_DATABASE_URL is set, else PGlite.
 */
describe('benchmark smoke run', () => {
  const servers: Running[] = [];
  let result: GeneratorResult;
  let density: GeneratorResult;

  beforeAll(async () => {
    const databaseUrl = process.env.PARLEY_TEST_DATABASE_URL;
    const target = databaseUrl ? 'postgres' : 'pglite';
    const options = { databaseUrl: databaseUrl ?? '', admin: undefined, serverNode: loopLagFlags };
    const started = await Promise.allSettled([
      startTarget(target, options),
      startTarget(target, { ...options, openFiles: cap + 1000 }),
    ]);
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const [main, dense] = servers;
    if (!main || !dense || servers.length !== 2) throw new Error('a smoke server did not start');
    const args = ['--url', main.url, '--devices', '20', '--rate', '200', '--duration-ms', '1000'];
    args.push('--scenarios', 'open,burst,sizes,offline,slow,soak,fanout', '--sizes', '200,65536');
    args.push('--groups', '10', '--steady-rate', '200', '--slow-ms', '2000', '--slow-bytes', '65536');
    args.push('--slow-flood-rate', '60', '--soak-ms', '2000', '--sample-ms', '500');
    args.push('--offline-messages', '300', '--warm-up', '100', '--drain-ms', '10000');
    const densityArgs = [
      '--url',
      dense.url,
      '--scenarios',
      'density',
      '--idle',
      String(cap),
      '--beyond',
      '5',
    ];
    [result, density] = await Promise.all([
      runGenerator(args, async () => {}, 75_000).result,
      runGenerator(densityArgs, async () => {}, 50_000).result,
    ]);
  }, 100_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    for (const s of servers) removeLoopLagFile(s.pid);
  });

  const scenario = (name: string, from = result): ScenarioResult => {
    const found = from.results.find((r) => r.scenario === name);
    if (!found) throw new Error(`no result for ${name}`);
    return found;
  };

  it.each([
    'online-open-200',
    'online-burst',
    'online-burst-200B',
    'online-burst-65536B',
    'offline',
    'slow-baseline-200',
    'slow-consumers-200',
    'soak',
    'fanout-10',
  ])('%s: every sent message arrives once, in order', (name) => {
    const { ledger, dropped } = scenario(name);
    expect(ledger.attempted).toBeGreaterThan(0);
    expect(ledger.errors).toEqual({});
    expect(ledger.unanswered).toBe(0);
    expect(ledger.durable).toBe(ledger.attempted);
    expect(ledger.lost).toBe(0);
    expect(ledger.duplicated).toBe(0);
    expect(ledger.outOfOrder).toBe(0);
    expect(ledger.sendersOutOfOrder).toBe(0);
    expect(dropped).toBe(0);
  });

  it('one-to-one: one delivery per message; groups of 10: nine', () => {
    expect(scenario('online-burst').ledger.delivered).toBe(scenario('online-burst').ledger.durable);
    const group = scenario('fanout-10').ledger;
    expect(group.delivered).toBe(group.durable * 9);
    expect(group.ownEchoes).toBe(0);
  });

  it('offline: the backlog is stored while receivers are away and drained when they connect', () => {
    const { ledger, phases } = scenario('offline');
    expect(ledger.durable).toBe(300);
    expect(phases.persist?.messages).toBe(300);
    expect(phases.drain?.messages).toBe(300);
  });

  it('slow consumers: the server closes the stuck one with 1013, which then catches up on everything durable', () => {
    const { counts, ledger } = scenario('slow-consumers-200');
    expect(counts).toMatchObject({ slowDevices: 1, closedByServer: 1, closeCode: 1013, refusedCatchUps: 0 });
    expect(counts?.durableToSlow).toBeGreaterThan(0);
    expect(counts?.deliveredToSlow).toBe(counts?.durableToSlow);
    expect(ledger.lost).toBe(0);
  });

  it('soak: keeps a p99 per interval', () => {
    const { counts } = scenario('soak');
    expect(Object.keys(counts ?? {}).filter((k) => k.startsWith('p99Ms@')).length).toBeGreaterThan(0);
  });

  it('the event-loop monitor answers from both servers, the one started under prlimit too', async () => {
    for (const server of servers) {
      const lag = await readLoopLag(server.pid);
      expect(lag?.p99Ms).toBeGreaterThanOrEqual(0);
      expect(lag?.heapUsedMb).toBeGreaterThan(0);
    }
  });

  it('density: holds every connection up to the cap, refuses the rest with server_busy, then accepts again', () => {
    const { counts, phases, dropped } = scenario('density', density);
    expect(phases.login?.messages).toBe(cap);
    expect(counts).toEqual({
      held: cap,
      refusedBusy: 5,
      openedBeyondCap: 0,
      otherBeyondCap: 0,
      acceptedAgain: 1,
    });
    expect(dropped).toBe(0);
  });
});
