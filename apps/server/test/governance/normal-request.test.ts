import type { CaseActionBody } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMember, submission } from './members.ts';
import { GovWorld, type Principal } from './support.ts';

let world: GovWorld;
let ivy: Principal;
let lena: Principal;
let marc: Principal;
let fbi: Principal;
let met: Principal;

const usFramework = {
  instruments: [
    { type: 'subpoena', localName: 'subpoena', maxTier: 'basic_subscriber' },
    { type: 'records_court_order', localName: '2703(d) order', maxTier: 'non_content_records' },
  ],
  deadlines: [{ instrument: 'any', hours: 240, emergencyHours: 8, source: 'policy' }],
  nonDisclosure: { maxDays: 90, extendable: true, source: '18 U.S.C. § 2705(b)' },
  channels: ['direct'],
};

/** The codes of an `intake_rejected` error's problems, in order. */
function problemCodes(details: unknown): string[] {
  const problems =
    typeof details === 'object' && details !== null && 'problems' in details ? details.problems : [];
  return Array.isArray(problems)
    ? problems.map((p: unknown) => (typeof p === 'object' && p !== null && 'code' in p ? String(p.code) : ''))
    : [];
}

async function act(who: Principal, reference: string, body: CaseActionBody) {
  return who.call('actOnCase', { params: { reference }, body });
}

async function ok(who: Principal, reference: string, body: CaseActionBody) {
  const r = await act(who, reference, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

beforeAll(async () => {
  world = await GovWorld.start('2026-04-01T09:00:00Z');
  const quin = await world.createStaff('quin', ['policy_admin']);
  ivy = await world.createStaff('ivy', ['intake']);
  lena = await world.createStaff('lena', ['legal_reviewer']);
  marc = await world.createStaff('marc', ['legal_reviewer']);
  await registerMember(world.url, 'alice', 'US');
  fbi = await world.acceptUnitedStates(quin, usFramework);
  met = (
    await world.agencyWithOfficer(
      quin,
      {
        name: 'Metropolitan Police',
        kind: 'police',
        jurisdiction: 'GB',
        domain: 'met.police.uk',
        callback: '+44 20 7230 1212',
      },
      'dc.jones@met.police.uk',
    )
  ).officer;
});
afterAll(async () => world?.close());

describe('a normal request, produced after two signatures, notice deferred by an order', () => {
  it('refuses a submission with every problem named, and stores nothing', async () => {
    const before = await world.server.context.db.selectFrom('gov_cases').select('reference').execute();
    const r = await fbi.call('submitRequest', {
      body: submission({
        targets: [{ ipAddress: '203.0.113.7' }],
        dateRange: undefined,
        categories: [],
        legalBasis: '',
      }),
    });
    expect(r.status).toBe(422);
    expect(r.body.error?.code).toBe('intake_rejected');
    expect(problemCodes(r.body.error?.details)).toEqual([
      'target_not_unique',
      'missing_date_range',
      'missing_categories',
      'missing_legal_basis',
    ]);
    const tampered = await fbi.call('submitRequest', {
      body: submission({ document: { mediaType: 'application/pdf', content: 'b3RoZXI' } }),
    });
    expect(problemCodes(tampered.body.error?.details)).toEqual(['document_hash_mismatch']);
    expect(await world.server.context.db.selectFrom('gov_cases').select('reference').execute()).toEqual(
      before,
    );
  });

  it('walks the lifecycle, refuses what it must, and sends the deferred notice when the order expires', async () => {
    const ack = await fbi.call('submitRequest', {
      body: submission({
        targets: [{ username: 'alice' }],
        categories: ['account_basic', 'devices', 'message_content', 'group_membership'],
        instrument: { ...(submission().instrument as object), date: '2026-04-01' },
        nonDisclosureOrder: { expiresOn: '2026-06-01', reference: 'NDO-17' },
      }),
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(201);
    expect(ack.body.deadlineAt).not.toBeNull();
    expect(ack.body.flags.map((f) => f.code)).toEqual(['content_e2ee', 'beyond_instrument_tier']);
    const ref = ack.body.reference;

    // An officer of another agency cannot even learn the request exists.
    expect((await met.call('getCase', { params: { reference: ref } })).status).toBe(404);
    expect((await act(met, ref, { type: 'withdraw' })).status).toBe(404);
    // Staff outside their role.
    const wrongRole = await act(lena, ref, { type: 'triage' });
    expect(wrongRole.body.error?.code).toBe('forbidden_role');

    await ok(ivy, ref, { type: 'triage' });
    await ok(ivy, ref, { type: 'complete_triage', requesterVerified: true });
    await ok(ivy, ref, { type: 'run_gate' });
    await ok(lena, ref, {
      type: 'complete_legal_review',
      notes: 'Subpoena valid for basic subscriber data.',
    });
    // Content is never producible; a subpoena does not reach group membership.
    const content = await act(lena, ref, {
      type: 'propose_decision',
      outcome: 'disclose',
      reasonCodes: ['valid_legal_process'],
      categories: ['message_content'],
    });
    expect(content.body.error?.details).toMatchObject({ guard: 'content_not_producible' });
    const tier = await act(lena, ref, {
      type: 'propose_decision',
      outcome: 'disclose',
      reasonCodes: ['valid_legal_process'],
      categories: ['group_membership'],
    });
    expect(tier.body.error?.details).toMatchObject({ guard: 'beyond_instrument_tier' });
    await ok(lena, ref, {
      type: 'propose_decision',
      outcome: 'disclose',
      reasonCodes: ['valid_legal_process'],
      categories: ['account_basic', 'devices'],
    });
    const self = await act(lena, ref, { type: 'countersign' });
    expect(self.status).toBe(409);
    expect(self.body.error?.code).toBe('self_approval');
    const signed = await ok(marc, ref, { type: 'countersign' });
    expect(signed.state).toBe('notice_deferred');
    const produced = await ok(marc, ref, {
      type: 'produce',
      categories: ['account_basic', 'devices'],
      dateRange: { from: '2020-01-01', to: '2020-06-30' },
    });
    expect(produced.state).toBe('production');

    // The order binds until 2026-06-01: nothing is sent before, the sweeper sends it at expiry.
    await world.advance(30 * 24 * 3600_000);
    expect((await world.server.context.governance.cases.sweep()).noticesSent).toBe(0);
    await world.advance(40 * 24 * 3600_000);
    expect((await world.server.context.governance.cases.sweep()).noticesSent).toBe(1);
    const after = await lena.call('getCase', { params: { reference: ref } });
    expect(after.body.detail).toMatchObject({ state: 'production', notice: { status: 'sent' } });
  });
});
