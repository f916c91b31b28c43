import type { CaseActionBody } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMember, submission } from './members.ts';
import { GovWorld, type Principal } from './support.ts';

let world: GovWorld;
let ivy: Principal;
let lena: Principal;
let marc: Principal;
let fbi: Principal;
let aliceDevice: string;

const DAY = 24 * 3600_000;

const act = (who: Principal, reference: string, body: CaseActionBody) =>
  who.call('actOnCase', { params: { reference }, body });

async function ok(who: Principal, reference: string, body: CaseActionBody) {
  const r = await act(who, reference, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

async function submit(overrides: Record<string, unknown>): Promise<string> {
  const ack = await fbi.call('submitRequest', { body: submission(overrides) });
  expect(ack.status, JSON.stringify(ack.body)).toBe(201);
  return ack.body.reference;
}

const preservationRow = (reference: string) =>
  world.server.context.db
    .selectFrom('gov_preservations')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  world = await GovWorld.start('2026-04-01T09:00:00Z');
  const quin = await world.createStaff('quin', ['policy_admin']);
  ivy = await world.createStaff('ivy', ['intake']);
  lena = await world.createStaff('lena', ['legal_reviewer']);
  marc = await world.createStaff('marc', ['legal_reviewer']);
  aliceDevice = (await registerMember(world.url, 'alice', 'US')).deviceId;
  fbi = await world.acceptUnitedStates(quin);
});
afterAll(async () => world?.close());

describe('preservation', () => {
  it('snapshots held metadata only, extends once, and purges at expiry', async () => {
    const ref = await submit({
      requestType: 'preservation',
      categories: ['account_basic', 'devices', 'group_membership'],
      instrument: { ...(submission().instrument as object), type: 'preservation_letter' },
    });
    await ok(ivy, ref, { type: 'triage' });
    await ok(ivy, ref, { type: 'complete_triage', requesterVerified: true });
    await ok(ivy, ref, { type: 'run_gate' });
    await ok(lena, ref, { type: 'complete_legal_review', notes: 'Preservation letter pending a warrant.' });
    await ok(lena, ref, {
      type: 'propose_decision',
      outcome: 'preserve',
      reasonCodes: ['valid_legal_process'],
      categories: ['account_basic', 'devices', 'group_membership'],
    });
    expect((await ok(marc, ref, { type: 'countersign' })).state).toBe('preserved');

    const held = await preservationRow(ref);
    expect(held.expires_at.getTime() - held.preserved_at.getTime()).toBe(90 * DAY);
    // Transient group membership is not frozen; account and device records are, for the targeted account.
    expect(held.snapshot).toMatchObject({
      categories: ['account_basic', 'devices'],
      accounts: [
        {
          rows: {
            accounts: [{ username: 'alice', jurisdiction: 'US' }],
            devices: [{ id: aliceDevice }],
          },
        },
      ],
    });
    expect(JSON.stringify(held.snapshot)).not.toMatch(/group_|"payload"|token|epoch/);

    expect((await ok(lena, ref, { type: 'extend_preservation' })).state).toBe('preservation_extended');
    expect((await preservationRow(ref)).expires_at.getTime()).toBe(held.expires_at.getTime() + 90 * DAY);
    const again = await act(lena, ref, { type: 'extend_preservation' });
    expect(again.status).toBe(409);

    await world.advance(170 * DAY);
    await world.server.sweepGovernance();
    expect((await preservationRow(ref)).snapshot).not.toBeNull();
    await world.advance(11 * DAY);
    await world.server.sweepGovernance();
    const purged = await preservationRow(ref);
    expect(purged.snapshot).toBeNull();
    expect(purged.purged_at).not.toBeNull();
    expect((await lena.call('getCase', { params: { reference: ref } })).body.state).toBe(
      'preservation_expired',
    );
  });
});

describe('emergency disclosure', () => {
  const emergency = {
    requestType: 'emergency_disclosure',
    categories: ['account_basic'],
    instrument: { ...(submission().instrument as object), type: 'emergency_request' },
    emergency: { factualBasis: 'A named child is said to be at imminent risk; the caller gave +1 555 0100.' },
  };

  it('records the factual basis, requires the call-back to the registered number before review', async () => {
    const ref = await submit(emergency);
    await ok(ivy, ref, { type: 'triage' });
    expect((await ok(ivy, ref, { type: 'complete_triage', requesterVerified: true })).state).toBe(
      'emergency_verification',
    );
    // No review before the call-back.
    const early = await act(lena, ref, { type: 'complete_legal_review', notes: 'too early' });
    expect(early.body.error?.code).toBe('invalid_transition');
    expect(early.body.error?.message).toContain('emergency_verification');
    // The number in the request is the forger's number, not the agency's.
    const forged = await act(ivy, ref, {
      type: 'record_callback',
      numberDialed: '+1 555 0100',
      confirmed: true,
    });
    expect(forged.body.error?.details).toMatchObject({ guard: 'callback_to_registered_number' });

    const verified = await ok(ivy, ref, {
      type: 'record_callback',
      numberDialed: '+1 (202) 324-3000',
      confirmed: true,
    });
    expect(verified.state).toBe('gate');
    expect(verified.detail).toMatchObject({
      submission: { emergency: { factualBasis: emergency.emergency.factualBasis } },
      callback: { numberDialed: '+1 (202) 324-3000', confirmed: true },
      followUpLegalProcessRequested: true,
    });
    await ok(ivy, ref, { type: 'run_gate' });
    await ok(lena, ref, { type: 'complete_legal_review', notes: 'Imminent risk; basic data only.' });
    await ok(lena, ref, {
      type: 'propose_decision',
      outcome: 'disclose',
      reasonCodes: ['valid_legal_process'],
      categories: ['account_basic'],
    });
    expect((await ok(marc, ref, { type: 'countersign' })).state).toBe('notice');
  });

  it('rejects when the registered number does not confirm the request', async () => {
    const ref = await submit(emergency);
    await ok(ivy, ref, { type: 'triage' });
    await ok(ivy, ref, { type: 'complete_triage', requesterVerified: true });
    const failed = await ok(ivy, ref, {
      type: 'record_callback',
      numberDialed: '+1 202 324 3000',
      confirmed: false,
    });
    expect(failed.state).toBe('rejected');
  });
});
