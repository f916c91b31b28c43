import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Service, startService } from './lib/child.ts';
import { runGenerator } from './lib/generator-process.ts';
import type { GeneratorResult, ScenarioResult } from './lib/result-schema.ts';
import { freshSchema } from './lib/schema.ts';

const cli = fileURLToPath(new URL('../apps/cli/bin/parley.mjs', import.meta.url));

/**
 * The benchmark's own correctness, never its timing: a tiny run of every scenario through the real
 * generator and a real `parley serve` process must deliver every acknowledged message exactly once and in
 * each sender's order. PostgreSQL when PARLEY_TEST_DATABASE_URL is set (an unreachable one fails), else PGlite.
 */
describe('benchmark smoke run', () => {
  let server: Service | undefined;
  let cleanup = async () => {};
  let result: GeneratorResult;

  beforeAll(async () => {
    const databaseUrl = process.env.PARLEY_TEST_DATABASE_URL;
    let store: string[];
    if (databaseUrl) {
      const schema = await freshSchema(databaseUrl, 'smoke');
      cleanup = schema.drop;
      store = ['--database-url', schema.url];
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'parley-smoke-'));
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
      store = ['--data', join(dir, 'data')];
    }
    server = await startService([cli, 'serve', '--port', '0', ...store], 30_000);
    const args = ['--url', `http://127.0.0.1:${server.port}`, '--devices', '20', '--rate', '200'];
    args.push(
      '--duration-ms',
      '1500',
      '--offline-messages',
      '300',
      '--warm-up',
      '100',
      '--drain-ms',
      '10000',
    );
    result = await runGenerator(args, async () => {}, 45_000).result;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await cleanup();
  });

  const scenario = (name: string): ScenarioResult => {
    const found = result.results.find((r) => r.scenario === name);
    if (!found) throw new Error(`no result for ${name}`);
    return found;
  };

  it.each(['online-open-200', 'online-burst', 'offline'])(
    '%s: every sent message arrives once, in order',
    (name) => {
      const { ledger, dropped } = scenario(name);
      expect(ledger.attempted).toBeGreaterThan(0);
      expect(ledger.errors).toEqual({});
      expect(ledger.unanswered).toBe(0);
      expect(ledger.durable).toBe(ledger.attempted);
      expect(ledger.delivered).toBe(ledger.durable);
      expect(ledger.lost).toBe(0);
      expect(ledger.duplicated).toBe(0);
      expect(ledger.outOfOrder).toBe(0);
      expect(ledger.sendersOutOfOrder).toBe(0);
      expect(dropped).toBe(0);
    },
  );

  it('offline: the backlog is stored while receivers are away and drained when they connect', () => {
    const { ledger, phases } = scenario('offline');
    expect(ledger.durable).toBe(300);
    expect(phases.persist?.messages).toBe(300);
    expect(phases.drain?.messages).toBe(300);
  });
});
