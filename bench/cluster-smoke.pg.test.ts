import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, startCluster } from './lib/cluster.ts';
import { runOnCluster } from './lib/cluster-run.ts';
import type { GeneratorResult, ScenarioResult } from './lib/result-schema.ts';

/** A `.pg.test.ts` file: it runs only where PARLEY_TEST_DATABASE_URL is set, and then needs NATS too. */
const databaseUrl = process.env.PARLEY_TEST_DATABASE_URL ?? '';
const natsUrl = process.env.PARLEY_TEST_NATS_URL ?? '';

/**
 * S5's correctness, never its timing: three `parley serve` processes on one PostgreSQL schema and NATS,
 * every message crossing nodes, then one node SIGKILLed under load. Every message answered `sent` must
 * reach its receiver exactly once (as the user sees it: redeliveries of a seq the client already has are
 * dropped by the client) and in its sender's order, and every client of the killed node must reconnect.
 */
describe('cluster smoke run on PostgreSQL and NATS', () => {
  let cluster: Cluster | undefined;
  let result: GeneratorResult;
  let killed: readonly number[];

  beforeAll(async () => {
    if (databaseUrl === '' || natsUrl === '')
      throw new Error('the cluster smoke run needs both PARLEY_TEST_DATABASE_URL and PARLEY_TEST_NATS_URL');
    cluster = await startCluster(3, { databaseUrl, natsUrl, admin: undefined, serverNode: [] });
    const args = ['--devices', '12', '--rate', '240', '--duration-ms', '1500'];
    args.push('--warm-up', '100', '--drain-ms', '10000');
    ({ result, killed } = await runOnCluster(cluster, args, 60_000));
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  const scenario = (name: string): ScenarioResult => {
    const found = result.results.find((r) => r.scenario === name);
    if (!found) throw new Error(`no result for ${name}`);
    return found;
  };

  it.each(['cluster-1-open-240', 'cluster-2-open-240', 'cluster-3-open-240'])(
    '%s: every sent message arrives once, in order',
    (name) => {
      const { ledger, dropped, skipped } = scenario(name);
      expect(ledger.attempted).toBe(360);
      expect(ledger.errors).toEqual({});
      expect(ledger.durable).toBe(ledger.attempted);
      expect(ledger.delivered).toBe(ledger.durable);
      expect(ledger.lost).toBe(0);
      expect(ledger.duplicated).toBe(0);
      expect(ledger.outOfOrder).toBe(0);
      expect(ledger.sendersOutOfOrder).toBe(0);
      expect(dropped).toBe(0);
      expect(skipped).toBe(0);
    },
  );

  it('failover: the killed node clients all reconnect and nothing answered `sent` is lost or doubled', () => {
    const { ledger, counts, dropped } = scenario('cluster-3-failover-240');
    expect(killed).toEqual([2]);
    // Devices 2, 5, 8 and 11 were on node 2.
    expect(counts?.killedClients).toBe(4);
    expect(dropped).toBe(4);
    expect(counts?.reconnected).toBe(4);
    expect(counts?.stillOffline).toBe(0);
    expect(ledger.errors).toEqual({});
    // Sends in flight at the kill were resent after the reconnect, so every attempted one was answered.
    expect(ledger.unanswered).toBe(0);
    expect(ledger.durable).toBe(ledger.attempted);
    expect(ledger.delivered).toBe(ledger.durable);
    expect(ledger.lost).toBe(0);
    expect(ledger.duplicated).toBe(0);
    expect(ledger.outOfOrder).toBe(0);
    expect(ledger.sendersOutOfOrder).toBe(0);
  });
});
