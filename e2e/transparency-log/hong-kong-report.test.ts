import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { analyseLog, buildReport, encodeLeaf, reportNoteText, sha256Hex } from '@parley/governance';
import { signNote } from '@parley/merkle-log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HK_STATEMENT, type HongKongWorld, hongKongWorld } from './hong-kong-world.ts';
import { startLogServer, tamper, verifyCli, withReportJsonEdited } from './log-network.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../apps/cli/bin/parley.mjs', import.meta.url));

let world: HongKongWorld;
let home: string;
const verify = (...args: string[]) => verifyCli(world.server.url, ...args);
const claims = ['--claim', 'no-production HK since 2020-07-06', '--claim', 'paused HK since 2020-07-06'];

async function report(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [cli, '--server', world.server.url, 'report', ...args], {
    timeout: 60_000,
  });
  return stdout;
}

beforeAll(async () => {
  world = await hongKongWorld();
  home = await mkdtemp(join(tmpdir(), 'parley-hk-report-'));
  // The half-year ends; the governance sweeper publishes its report.
  world.clock.advance(Date.parse('2021-01-01T01:00:00Z') - world.clock.now().getTime());
  await world.server.sweepGovernance();
});
afterAll(async () => {
  await world?.close();
  if (home !== undefined) await rm(home, { recursive: true, force: true });
});

describe('Hong Kong 2020-H2, logged and recomputed', () => {
  it('held every Hong Kong request, and the British one about a Hong Kong member, with the pause notice', () => {
    expect(world.held.map((a) => [a.state, a.policyStatement])).toEqual([
      ['held_by_policy', HK_STATEMENT],
      ['held_by_policy', HK_STATEMENT],
      ['held_by_policy', HK_STATEMENT],
    ]);
  });

  it('publishes a report that `parley verify` recomputes from the log, and the claims hold', async () => {
    const result = await verify('--state', join(home, 'state'), ...claims);
    expect(result.out).toContain('1 published reports recomputed from the log and found exact');
    expect(result.out).toMatch(/2020-H2 at entry \d+ \(from the first \d+ entries, 3 rows\)/);
    expect(result.out).toContain('claim "no-production HK since 2020-07-06": HOLDS');
    expect(result.out).toContain(
      'since 2020-W28: 2 requests received, 2 held by policy, 0 with data produced',
    );
    expect(result.out).toContain('claim "paused HK since 2020-07-06": HOLDS');
    expect(result.code).toBe(0);

    const json = JSON.parse(await report('--period', '2020-H2', '--format', 'json'));
    const row = (jurisdiction: string) =>
      json.rows.find((r: { jurisdiction: string }) => r.jurisdiction === jurisdiction);
    expect(row('HK')).toMatchObject({
      policyStatus: 'PAUSED',
      policySince: '2020-07-06',
      policyStatement: HK_STATEMENT,
      requestsReceived: 2,
      pausedNotProcessed: 2,
      requestsWithDataProduced: 0,
      accountsSpecifiedMin: 3,
    });
    expect(row('GB')).toMatchObject({
      requestsReceived: 1,
      pausedNotProcessed: 1,
      requestsWithDataProduced: 0,
    });
    expect(row('US')).toMatchObject({
      requestsReceived: 1,
      requestsWithDataProduced: 1,
      categoriesDisclosed: 'account_basic',
    });
    const csv = await report('--period', '2020-H2');
    expect(csv.split('\r\n')[0]).toMatch(
      /^periodStart,periodEnd,jurisdiction,jurisdictionName,policyStatus,/,
    );
    expect(csv).toContain(',HK,Hong Kong,PAUSED,2020-07-06,');
  });

  it('contradicts a false claim with the entry that disproves it', async () => {
    const result = await verify('--claim', 'no-production US since 2020-07-01');
    expect(result.out).toContain('claim "no-production US since 2020-07-01": FAILS');
    expect(result.out).toMatch(/entry \d+: data produced for request \S+ \(legal_process, week 2020-W30\)/);
    expect(result.code).toBe(3);
  });

  it('names a changed byte in a stored report and in its signed note', async () => {
    await withReportJsonEdited(
      world.server,
      '"pausedNotProcessed": 2',
      '"pausedNotProcessed": 7',
      async () => {
        const result = await verify();
        expect(result.out).toMatch(
          /log verification FAILED: report 2020-H2 at entry \d+: the JSON document does not match the SHA-256 in its leaf/,
        );
        expect(result.code).toBe(2);
      },
    );
    const note = (from: string, to: string) =>
      `update transparency_reports set note = replace(note, E'\\n2020-H2\\n', E'${to}') where note like '%${from}%'`;
    await tamper(world.server, 'transparency_reports', note('2020-H2', '\\n2020-H1\\n'));
    try {
      const result = await verify();
      expect(result.out).toMatch(
        /report 2020-H2 at entry \d+: its signed note is rejected: invalid signature/,
      );
      expect(result.code).toBe(2);
    } finally {
      await tamper(
        world.server,
        'transparency_reports',
        `update transparency_reports set note = replace(note, E'\\n2020-H1\\n', E'\\n2020-H2\\n')`,
      );
    }
    expect((await verify()).code).toBe(0);
  });

  it('`parley report` refuses a stored report changed by a database superuser, and exits non-zero', async () => {
    // The server's report list hashes the stored document itself, so only the log leaf can catch this.
    await withReportJsonEdited(
      world.server,
      '"pausedNotProcessed": 2',
      '"pausedNotProcessed": 9',
      async () => {
        const failed = await report('--period', '2020-H2', '--format', 'json').then(
          (stdout) => ({ code: 0, stdout, stderr: '' }),
          (error: { code: number; stdout: string; stderr: string }) => error,
        );
        expect(failed.code).toBe(2);
        expect(failed.stdout).toBe('');
        expect(failed.stderr).toMatch(
          /report verification FAILED: report 2020-H2 at entry \d+: the JSON document does not match the SHA-256 in its leaf/,
        );
      },
    );
    expect(JSON.parse(await report('--period', '2020-H2', '--format', 'json')).rows).toHaveLength(3);
  });

  it('names the gap when the operator rebuilds the log without one event (a fresh tree, no fork to see)', async () => {
    const log = world.server.context.transparencyLog;
    const head = await log.head();
    const entries = await log.entries(0, head?.size ?? 0);
    const rebuilt = await startLogServer();
    try {
      // Drop the American request's `triaged` event, which later events of its chain follow.
      const text = (e: Uint8Array) => new TextDecoder().decode(e);
      const dropped = entries.findIndex((e) => text(e).includes('"kind":"triaged"'));
      expect(dropped).toBeGreaterThan(0);
      await rebuilt.context.transparencyLog.append(entries.filter((_, i) => i !== dropped));
      await rebuilt.context.transparencyLog.sequence();
      const result = await verifyCli(rebuilt.url);
      expect(result.out).toMatch(
        /log verification FAILED: the disclosure log is broken: chain \S+: event seq 1 is missing \(seq 2 is at entry \d+\)/,
      );
      expect(result.code).toBe(2);
    } finally {
      await rebuilt.close();
    }
  });

  it('names a report that misstates one count, even when the operator re-hashed and re-signed it', async () => {
    const { context } = world.server;
    const log = context.transparencyLog;
    const head = await log.head();
    if (head === undefined) throw new Error('no checkpoint');
    const events = analyseLog(await log.entries(0, head.size)).events;
    const origin = 'e2e.parley.example/log';
    const binding = {
      origin,
      checkpointSize: head.size,
      checkpointRoot: Buffer.from(head.rootHash).toString('hex'),
    };
    const honest = buildReport(events, '2020-H2', binding);
    const json = honest.json.replace('"requestsReceived": 2', '"requestsReceived": 1');
    expect(json).not.toBe(honest.json);
    const leaf = { ...honest.leaf, jsonSha256: sha256Hex(json) };
    const [ticket] = await log.append([encodeLeaf(leaf)]);
    if (ticket === undefined) throw new Error('no ticket');
    await context.db
      .insertInto('transparency_reports')
      .values({
        log_ticket: ticket,
        period: '2020-H2',
        checkpoint_size: head.size,
        checkpoint_root: head.rootHash,
        json,
        csv: honest.csv,
        note: signNote(reportNoteText(leaf, origin), [log.key.signer]),
        published_at: context.clock.now(),
      })
      .execute();
    await log.sequence();
    const result = await verify();
    expect(result.out).toMatch(
      /log verification FAILED: report 2020-H2 at entry \d+: does not match the log: row HK legal_process: requestsReceived is 1 in the published report, 2 recomputed from the log/,
    );
    expect(result.code).toBe(2);
  });
});
