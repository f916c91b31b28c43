import type { CaseActionBody } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HK_STATEMENT, hkAssessment, registerMember, submission } from './members.ts';
import { GovWorld, type Principal } from './support.ts';

let world: GovWorld;
let quin: Principal;
let ivy: Principal;
let lena: Principal;
let hkOfficer: Principal;
let metOfficer: Principal;

async function policy(body: Record<string, unknown>) {
  const proposed = await world.admin.call('proposePolicy', {
    body: { scope: 'both', emergencyRule: 'allow', ...body } as never,
  });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const signed = await quin.call('signOffPolicy', { params: { proposalId: proposed.body.id } });
  expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  return signed.body;
}

async function feedKinds(reference: string): Promise<string[]> {
  const rows = await world.server.context.db
    .selectFrom('governance_events')
    .innerJoin('governance_event_private', 'governance_event_private.seq', 'governance_events.seq')
    .select(['governance_events.kind', 'governance_events.public_bytes'])
    .where('governance_event_private.reference', '=', reference)
    .orderBy('governance_events.seq')
    .execute();
  return rows.map((r) => r.kind);
}

beforeAll(async () => {
  world = await GovWorld.start('2020-07-01T09:00:00Z');
  quin = await world.createStaff('quin', ['policy_admin']);
  ivy = await world.createStaff('ivy', ['intake']);
  lena = await world.createStaff('lena', ['legal_reviewer']);
  await registerMember(world.url, 'carrie', 'HK');
  await registerMember(world.url, 'dave', 'GB');
  await policy({
    jurisdiction: 'HK',
    effectiveFrom: '2020-07-01T10:00:00Z',
    status: 'ACCEPT',
    statement: 'Parley accepts lawful requests from Hong Kong.',
  });
  await policy({
    jurisdiction: 'GB',
    effectiveFrom: '2020-07-01T10:00:00Z',
    status: 'ACCEPT',
    statement: 'Parley accepts lawful requests from the United Kingdom.',
  });
  const paused = await policy({
    jurisdiction: 'HK',
    effectiveFrom: '2020-07-06T00:00:00Z',
    status: 'PAUSED',
    emergencyRule: 'deny',
    offenceDenylist: ['secession', 'subversion', 'terrorism', 'collusion with foreign forces'],
    assessment: hkAssessment,
    statement: HK_STATEMENT,
  });
  expect(paused.policy).toMatchObject({
    status: 'PAUSED',
    version: 2,
    effectiveFrom: '2020-07-06T00:00:00.000Z',
  });
  await world.advance(9 * 24 * 3600_000);
  hkOfficer = (
    await world.agencyWithOfficer(
      quin,
      {
        name: 'Hong Kong Police Force',
        kind: 'police',
        jurisdiction: 'HK',
        domain: 'police.gov.hk',
        callback: '+852 2860 2000',
      },
      'inspector.wong@police.gov.hk',
    )
  ).officer;
  metOfficer = (
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

describe('Hong Kong, paused since 2020-07-06', () => {
  let held: string;
  let heldAbout: string;

  it('records the pause with its assessment and a public policy event', async () => {
    const list = await quin.call('listPolicies');
    const hk = list.body.policies.filter((p) => p.jurisdiction === 'HK');
    expect(hk.map((p) => p.status)).toEqual(['ACCEPT', 'PAUSED']);
    expect(hk[1]?.assessment).toMatchObject({
      triggerDate: '2020-06-30',
      recommendation: hkAssessment.recommendation,
    });
    const events = await world.server.context.db
      .selectFrom('governance_events')
      .select(['kind', 'chain_id', 'public_bytes'])
      .where('chain_id', '=', 'policy:HK')
      .orderBy('chain_seq')
      .execute();
    expect(events).toHaveLength(2);
    expect(new TextDecoder().decode(events[1]?.public_bytes)).toContain('"status":"PAUSED"');
  });

  it('accepts a Hong Kong police request at intake, acknowledges it with the pause notice and counts it', async () => {
    const ack = await hkOfficer.call('submitRequest', {
      body: submission({ targets: [{ username: 'carrie' }], offenceClassification: 'subversion' }),
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(201);
    expect(ack.body.state).toBe('held_by_policy');
    expect(ack.body.policyStatement).toBe(HK_STATEMENT);
    expect(ack.body.text).toContain('recorded and counted but will not be reviewed');
    held = ack.body.reference;
    expect(await feedKinds(held)).toEqual(['received', 'held_by_policy']);
  });

  it('can be neither reviewed nor produced: the API names the state and the guard', async () => {
    const attempts: [Principal, CaseActionBody][] = [
      [ivy, { type: 'triage' }],
      [lena, { type: 'run_gate' }],
      [
        lena,
        {
          type: 'produce',
          categories: ['account_basic'],
          dateRange: { from: '2020-01-01', to: '2020-06-30' },
        },
      ],
    ];
    for (const [who, body] of attempts) {
      const r = await who.call('actOnCase', { params: { reference: held }, body });
      expect(r.status).toBe(409);
      expect(r.body.error?.code).toBe('guard_failed');
      expect(r.body.error?.details).toMatchObject({ guard: 'case_held_by_policy', state: 'held_by_policy' });
      expect(r.body.error?.message).toContain('held while HK is PAUSED');
    }
  });

  it('follows the emergency rule (deny) for the emergency variant', async () => {
    const ack = await hkOfficer.call('submitRequest', {
      body: submission({
        requestType: 'emergency_disclosure',
        instrument: { ...(submission().instrument as object), type: 'emergency_request' },
        targets: [{ username: 'carrie' }],
        emergency: { factualBasis: 'A person is said to be at imminent risk of serious injury.' },
      }),
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(201);
    expect(ack.body.state).toBe('rejected');
    expect(ack.body.text).toContain('emergency_not_accepted');
    expect(await feedKinds(ack.body.reference)).toEqual(['received', 'rejected']);
  });

  it('holds a request from another jurisdiction about a member located in Hong Kong', async () => {
    world.clock.advance(60_000);
    const about = await metOfficer.call('submitRequest', {
      body: submission({ targets: [{ username: 'carrie' }] }),
    });
    expect(about.body.state).toBe('held_by_policy');
    heldAbout = about.body.reference;
    const other = await metOfficer.call('submitRequest', {
      body: submission({ targets: [{ username: 'dave' }] }),
    });
    expect(other.body.state).toBe('received');
  });

  it('lifting the pause sends the held requests back to triage, oldest first', async () => {
    await world.advance(3600_000);
    const lifted = await policy({
      jurisdiction: 'HK',
      effectiveFrom: new Date(world.clock.now().getTime() + 60_000).toISOString(),
      status: 'ACCEPT',
      statement: 'Parley accepts lawful requests from Hong Kong again, after review.',
    });
    expect(lifted.resumed).toEqual([]);
    world.clock.advance(120_000);
    const done = await world.server.context.governance.cases.sweep();
    expect(done.resumed).toBe(2);
    const audit = await world.server.context.db
      .selectFrom('gov_audit')
      .select(['object'])
      .where('action', '=', 'resume')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.object)).toEqual([held, heldAbout]);
    const r = await ivy.call('getCase', { params: { reference: held } });
    expect(r.body.state).toBe('triage');
    expect(await feedKinds(held)).toEqual(['received', 'held_by_policy', 'released_from_hold']);
  });
});
