import { createHash } from 'node:crypto';
import { analyseLog, decodeLeaf } from '@parley/governance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logEntries, type UsWorld, usWorld } from '../disclosure-log/us-world.ts';
import { submission } from '../governance/members.ts';

let w: UsWorld;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const get = (path: string) => fetch(`${w.world.url}/log/${path}`);

beforeAll(async () => {
  w = await usWorld();
  const ack = await w.fbi.call('submitRequest', { body: submission({ targets: [{ username: 'alice' }] }) });
  expect(ack.status, JSON.stringify(ack.body)).toBe(201);
});
afterAll(async () => {
  await w?.world.server.close();
});

describe('transparency reports', () => {
  it('publishes a report computed from the log, served and bound by its leaf', async () => {
    const published = await w.world.admin.call('publishReport', { body: { period: '2026-H1' } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const summary = published.body;
    const entries = await logEntries(w.world);
    const leaf = decodeLeaf(entries[summary.index] ?? new Uint8Array());
    expect(leaf).toEqual({
      leaf: 'report',
      period: '2026-H1',
      checkpointSize: summary.checkpointSize,
      checkpointRoot: summary.checkpointRoot,
      jsonSha256: summary.jsonSha256,
      csvSha256: summary.csvSha256,
    });
    // The report covers every event logged before it: the US policy and the FBI request.
    expect(summary.checkpointSize).toBe(summary.index);

    const json = await get(`report/${summary.index}.json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('cache-control')).toContain('immutable');
    const text = await json.text();
    expect(sha256(text)).toBe(summary.jsonSha256);
    const report = JSON.parse(text);
    expect(report.log).toEqual({
      origin: 'parley.example/log',
      checkpointSize: summary.checkpointSize,
      checkpointRoot: summary.checkpointRoot,
    });
    expect(report.rows).toMatchObject([
      { jurisdiction: 'US', requestClass: 'legal_process', requestsReceived: 1, policyStatus: 'ACCEPT' },
    ]);
    const csv = await (await get(`report/${summary.index}.csv`)).text();
    expect(sha256(csv)).toBe(summary.csvSha256);
    expect(csv.split('\r\n')[1]).toMatch(/^2026-01-01,2026-06-30,US,United States,ACCEPT,/);
    const note = await (await get(`report/${summary.index}.note`)).text();
    expect(note).toMatch(/^parley-report\/v1\nparley\.example\/log\n2026-H1\n/);
    expect(note).toMatch(/\n\n— parley\.example\/log \S+\n$/);

    const list = await w.world.admin.call('reportList');
    expect(list.body.reports).toEqual([summary]);
  });

  it('refuses staff without publish_report, a period not yet begun, and a malformed one, and audits the refusal', async () => {
    const intake = await w.ivy.call('publishReport', { body: { period: '2026-H1' } });
    expect(intake.status).toBe(403);
    expect(intake.body).toMatchObject({ error: { code: 'forbidden_role' } });
    const future = await w.world.admin.call('publishReport', { body: { period: '2027-H1' } });
    expect(future.status).toBe(409);
    expect(future.body).toMatchObject({ error: { code: 'report_period_not_started' } });
    const malformed = await w.world.admin.call('publishReport', { body: { period: '2026-H3' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'validation_failed' } });
    const audit = await w.world.server.context.db
      .selectFrom('gov_audit')
      .select(['actor', 'action', 'object'])
      .where('action', 'like', 'publish_report%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'publish_report',
      'publish_report refused: forbidden_role',
      'publish_report refused: report_period_not_started',
    ]);
    expect((await get('report/0.json')).status).toBe(404);
    expect((await get('report/1.xml')).status).toBe(404);
  });

  it('publishes the half-year once it has ended, once, from the governance sweeper', async () => {
    w.world.clock.advance(Date.parse('2026-07-01T00:05:00Z') - w.world.clock.now().getTime());
    await w.world.server.sweepGovernance();
    await w.world.server.sweepGovernance();
    const reports = (await w.world.admin.call('reportList')).body.reports;
    expect(reports.map((r) => r.period)).toEqual(['2026-H1', '2026-H1']);
    const analysis = analyseLog(await logEntries(w.world));
    expect(analysis.problems).toEqual([]);
    expect(analysis.reports.map((r) => r.index)).toEqual(reports.map((r) => r.index));
    const audit = await w.world.server.context.db
      .selectFrom('gov_audit')
      .select('actor')
      .where('action', '=', 'publish_report')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor).toBe('system');
  });
});
