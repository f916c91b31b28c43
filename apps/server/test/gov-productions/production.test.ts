import { createHash } from 'node:crypto';
import type { CaseActionBody } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type UsWorld, usWorld } from '../disclosure-log/us-world.ts';
import { submission } from '../governance/members.ts';
import type { Principal } from '../governance/support.ts';

let w: UsWorld;
let met: Principal;
const range = { from: '2026-01-01', to: '2026-12-31' };

async function ok(who: Principal, reference: string, body: CaseActionBody) {
  const r = await who.call('actOnCase', { params: { reference }, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

beforeAll(async () => {
  w = await usWorld();
  const quin = await w.world.createStaff('quin2', ['policy_admin']);
  met = (
    await w.world.agencyWithOfficer(
      quin,
      {
        name: 'Met',
        kind: 'police',
        jurisdiction: 'GB',
        domain: 'met.police.uk',
        callback: '+44 20 7230 1212',
      },
      'dc.jones@met.police.uk',
    )
  ).officer;
});
afterAll(async () => w?.world.close());

describe('production packages', () => {
  it('releases the package only once its produced event is under a signed checkpoint, and audits every download', async () => {
    const ack = await w.fbi.call('submitRequest', {
      body: submission({ dateRange: range, categories: ['account_basic', 'devices', 'message_content'] }),
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(201);
    const ref = ack.body.reference;
    await ok(w.ivy, ref, { type: 'triage' });
    await ok(w.ivy, ref, { type: 'complete_triage', requesterVerified: true });
    await ok(w.ivy, ref, { type: 'run_gate' });
    await ok(w.lena, ref, { type: 'complete_legal_review', notes: 'Subpoena valid.' });
    await ok(w.lena, ref, {
      type: 'propose_decision',
      outcome: 'disclose',
      reasonCodes: ['valid_legal_process'],
      categories: ['account_basic', 'devices'],
    });
    expect((await ok(w.marc, ref, { type: 'countersign' })).state).toBe('notice');
    await w.world.advance(11 * 24 * 3600_000);
    const log = w.world.server.context.transparencyLog;
    await log.sequence();
    await ok(w.marc, ref, { type: 'produce', categories: ['account_basic', 'devices'], dateRange: range });

    // Produced, but its leaf is only queued: nothing leaves Parley yet.
    const early = await w.fbi.call('downloadProduction', { params: { reference: ref } });
    expect(early.status).toBe(409);
    expect(early.body.error?.code).toBe('production_not_logged');
    const view = await w.fbi.call('getCase', { params: { reference: ref } });
    expect(view.body.productionReady).toBe(false);

    await log.sequence();
    const got = await w.fbi.call('downloadProduction', { params: { reference: ref } });
    expect(got.status, JSON.stringify(got.body)).toBe(200);
    const pkg = got.body;
    expect(pkg.files.map((f) => f.name)).toEqual(['account_basic.json', 'devices.json']);
    for (const f of pkg.files) {
      const listed = pkg.manifest.files.find((m) => m.name === f.name);
      expect(listed?.sha256).toBe(createHash('sha256').update(f.content).digest('hex'));
    }
    expect(pkg.files[0]?.content).toContain('"username": "alice"');
    expect(pkg.manifest.notHeld.map((n) => [n.category, n.holding])).toEqual([['message_content', 'e2ee']]);
    expect(pkg.manifestSha256).toBe(createHash('sha256').update(JSON.stringify(pkg.manifest)).digest('hex'));
    expect((await w.fbi.call('getCase', { params: { reference: ref } })).body.productionReady).toBe(true);

    // Another agency cannot learn the package exists; staff cannot download it.
    expect((await met.call('downloadProduction', { params: { reference: ref } })).status).toBe(404);
    const audit = await w.world.server.context.db
      .selectFrom('gov_audit')
      .select(['action', 'object'])
      .where('action', 'like', 'download_production%')
      .where('object', '=', ref)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'download_production refused: production_not_logged',
      'download_production',
    ]);

    await w.world.advance(31 * 24 * 3600_000);
    const late = await w.fbi.call('downloadProduction', { params: { reference: ref } });
    expect(late.status).toBe(410);
    expect(late.body.error?.code).toBe('production_unavailable');
  });
});

describe('the package builder', () => {
  it('refuses content whatever it is asked, and names what is not held', async () => {
    const { buildPackage } = await import('../../src/modules/gov-productions/package-builder.ts');
    const input = {
      reference: 'R-1',
      requested: ['account_basic', 'ip_addresses'] as const,
      dateRange: range,
      createdAt: new Date(0),
      expiresAt: new Date(1),
    };
    const held = { accounts: [], devices: [], groups: [] };
    expect(() => buildPackage({ ...input, approved: ['message_content'] }, held)).toThrow(/never producible/);
    const pkg = buildPackage({ ...input, approved: ['account_basic'] }, held);
    expect(pkg.manifest.notHeld.map((n) => n.category)).toEqual(['ip_addresses']);
  });
});
