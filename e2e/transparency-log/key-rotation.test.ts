/**
 * A log hands over to a new origin and key (`parley admin rotate-log-key`). A verifier that pinned the old
 * key follows the handover the old key signed and pins the new one; a new verifier starts from the new key;
 * the report published before the rotation still verifies under the key that signed it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durableLog } from './durable-log.ts';
import { verifyCli } from './log-network.ts';

const O1 = 'old.parley.example/log';
const O2 = 'transparency.parley.example/log';
const entries = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => new TextEncoder().encode(`event ${from + i}`));

let log: Awaited<ReturnType<typeof durableLog>>;
let oldKey = '';
let newKey = '';

beforeAll(async () => {
  log = await durableLog('2020-07-01T09:00:00Z');
});
afterAll(async () => {
  await log?.[Symbol.asyncDispose]();
});

describe('parley admin rotate-log-key, then parley verify', () => {
  it('refuses to rotate while a server holds the data directory', async () => {
    await using server = await log.serve(O1);
    await server.context.transparencyLog.append(entries(300));
    await server.context.transparencyLog.sequence();
    // The half-year ends: the governance sweeper publishes its report, signed by the key of the day.
    log.clock.advance(Date.parse('2021-01-01T01:00:00Z') - log.clock.now().getTime());
    await server.sweepGovernance();
    await server.context.transparencyLog.sequence();
    oldKey = (await (await fetch(`${server.url}/log/key`)).text()).trim();
    const before = await verifyCli(server.url, '--state', join(log.home, 'pinned'));
    expect(before.out).toMatch(/verified old\.parley\.example\/log: 301 entries/);
    expect(before.out).toMatch(/1 published reports recomputed from the log and found exact/);

    const refused = await log.rotate(O2);
    expect(refused.code).not.toBe(0);
    expect(`${refused.stdout}${refused.stderr}`).toMatch(/data_dir_in_use/);
  });

  it('hands the log over; the old origin no longer starts', async () => {
    const rotated = await log.rotate(O2);
    expect(rotated.stderr).toBe('');
    expect(rotated.code).toBe(0);
    const done: unknown = JSON.parse(rotated.stdout);
    expect(done).toMatchObject({ ok: true, oldOrigin: O1, newOrigin: O2, size: 302 });
    newKey = String(Reflect.get(Object(done), 'newVkey'));
    expect(newKey.startsWith(`${O2}+`)).toBe(true);
    await expect(log.serve(O1)).rejects.toThrow(`now signs as "${O2}"`);
  });

  it('a verifier that pinned the old key follows the handover, and pins the new key', async () => {
    await using server = await log.serve(O2);
    await server.context.transparencyLog.append(entries(40, 300));
    await server.context.transparencyLog.sequence();
    const followed = await verifyCli(server.url, '--state', join(log.home, 'pinned'));
    expect(followed.out).toMatch(/^verified transparency\.parley\.example\/log: 342 entries/);
    expect(followed.out).toMatch(/1 published reports recomputed from the log and found exact/);
    expect(followed.out).toContain(
      'log key handed over to transparency.parley.example/log at size 302, announced in the log',
    );
    expect(followed.code).toBe(0);
    const state: unknown = JSON.parse(await readFile(join(log.home, 'pinned', 'verifier.json'), 'utf8'));
    expect(Reflect.get(Object(state), 'logKey')).toBe(newKey);

    // Pinned out of band to the old key, or new to the log: both verify, and agree.
    const outOfBand = await verifyCli(server.url, '--log-key', oldKey);
    expect(outOfBand.code).toBe(0);
    const fresh = await verifyCli(server.url, '--state', join(log.home, 'fresh'));
    expect(fresh.out).toMatch(/^verified transparency\.parley\.example\/log: 342 entries/);
    expect(fresh.code).toBe(0);
    expect(JSON.parse(await readFile(join(log.home, 'fresh', 'verifier.json'), 'utf8'))).toMatchObject({
      logKey: newKey,
    });
  });

  it('a report published after the rotation is signed under the new origin; both verify', async () => {
    await using server = await log.serve(O2);
    log.clock.advance(Date.parse('2021-07-01T01:00:00Z') - log.clock.now().getTime());
    await server.sweepGovernance();
    await server.context.transparencyLog.sequence();
    const note = await (await fetch(`${server.url}/log/report/342.note`)).text();
    expect(note.split('\n')[1]).toBe(O2);
    const result = await verifyCli(server.url, '--state', join(log.home, 'pinned'));
    expect(result.out).toMatch(/2 published reports recomputed from the log and found exact/);
    expect(result.out).toMatch(/2021-H1 at entry 342/);
    expect(result.code).toBe(0);
  });

  it('a second rotation chains: the first key still leads to the third', async () => {
    const O3 = 'third.parley.example/log';
    expect((await log.rotate(O3)).code).toBe(0);
    await using server = await log.serve(O3);
    const chained = await verifyCli(server.url, '--log-key', oldKey);
    expect(chained.out).toMatch(/^verified third\.parley\.example\/log: 344 entries/);
    expect(chained.out).toContain('log key handed over to transparency.parley.example/log at size 302');
    expect(chained.out).toContain('log key handed over to third.parley.example/log at size 344');
    expect(chained.out).toMatch(/2 published reports recomputed from the log and found exact/);
    expect(chained.code).toBe(0);
    const pinned = await verifyCli(server.url, '--state', join(log.home, 'pinned'));
    expect(pinned.code).toBe(0);
  });
});
