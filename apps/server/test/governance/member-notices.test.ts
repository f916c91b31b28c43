import type { CaseActionBody } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawDevice } from '../support/raw-client.ts';
import { submission } from './members.ts';
import { GovWorld, type Principal } from './support.ts';

let world: GovWorld;
let ivy: Principal;
let lena: Principal;
let marc: Principal;
let fbi: Principal;
let alice: RawDevice;
let bob: RawDevice;

const DAY = 24 * 3600_000;

async function ok(who: Principal, reference: string, body: CaseActionBody) {
  const r = await who.call('actOnCase', { params: { reference }, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** Submits a request about alice and takes it through review to two signatures for disclosure. */
async function approved(overrides: Record<string, unknown>): Promise<string> {
  const ack = await fbi.call('submitRequest', {
    body: submission({ targets: [{ username: 'alice' }], ...overrides }),
  });
  expect(ack.status, JSON.stringify(ack.body)).toBe(201);
  const ref = ack.body.reference;
  await ok(ivy, ref, { type: 'triage' });
  await ok(ivy, ref, { type: 'complete_triage', requesterVerified: true });
  await ok(ivy, ref, { type: 'run_gate' });
  await ok(lena, ref, { type: 'complete_legal_review', notes: 'Valid subpoena.' });
  await ok(lena, ref, {
    type: 'propose_decision',
    outcome: 'disclose',
    reasonCodes: ['valid_legal_process'],
    categories: ['account_basic'],
  });
  return ref;
}

const notices = async (device: RawDevice) => {
  const r = await device.call('listNotices', {});
  expect(r.status).toBe(200);
  return r.body.notices;
};

beforeAll(async () => {
  world = await GovWorld.start('2026-04-01T09:00:00Z');
  const quin = await world.createStaff('quin', ['policy_admin']);
  ivy = await world.createStaff('ivy', ['intake']);
  lena = await world.createStaff('lena', ['legal_reviewer']);
  marc = await world.createStaff('marc', ['legal_reviewer']);
  alice = await RawDevice.register(world.url, 'alice');
  bob = await RawDevice.register(world.url, 'bob');
  await alice.connect();
  fbi = await world.acceptUnitedStates(quin, {
    instruments: [{ type: 'subpoena', localName: 'subpoena', maxTier: 'basic_subscriber' }],
    deadlines: [{ instrument: 'any', hours: 240, emergencyHours: 8, source: 'policy' }],
    nonDisclosure: { maxDays: 90, extendable: true, source: '18 U.S.C. § 2705(b)' },
    channels: ['direct'],
  });
});
afterAll(async () => {
  await alice?.disconnect();
  await world?.close();
});

describe('member notices', () => {
  it('stays silent while a non-disclosure order binds, then reaches the member at its expiry', async () => {
    const ref = await approved({
      instrument: { ...(submission().instrument as object), date: '2026-04-01' },
      nonDisclosureOrder: { expiresOn: '2026-04-20', reference: 'NDO-SECRET-17' },
    });
    expect((await ok(marc, ref, { type: 'countersign' })).state).toBe('notice_deferred');
    await ok(marc, ref, {
      type: 'produce',
      categories: ['account_basic'],
      dateRange: { from: '2020-01-01', to: '2020-06-30' },
    });
    expect(await notices(alice)).toEqual([]);

    await world.advance(5 * DAY);
    expect((await world.server.context.governance.cases.sweep()).noticesSent).toBe(0);
    expect(await notices(alice)).toEqual([]);
    expect(alice.frames.some((f) => f.type === 'notice')).toBe(false);

    await world.advance(15 * DAY);
    expect((await world.server.context.governance.cases.sweep()).noticesSent).toBe(1);
    const frame = await alice.waitFor((f) => f.type === 'notice');
    const [notice, ...rest] = await notices(alice);
    expect(rest).toEqual([]);
    expect(frame).toEqual({ type: 'notice', id: notice?.id });
    expect(notice).toMatchObject({
      receivedOn: '2026-04-01',
      requestType: 'legal_process',
      jurisdiction: 'US',
      jurisdictionName: 'United States',
      authorityKind: 'police',
      categoriesRequested: ['account_basic', 'devices'],
      categoriesDisclosed: ['account_basic'],
      dateRange: { from: '2020-01-01', to: '2020-06-30' },
      delayedByOrder: true,
      objectionWindowEndsAt: null,
    });
    expect(Date.parse(notice?.sentAt ?? '')).toBe(world.clock.now().getTime());
    // Nothing the member must not see: no reference, order, document, digest, signatory or officer.
    const text = JSON.stringify(notice);
    const digest = /[0-9a-f]{64}/.exec(JSON.stringify(submission()))?.[0] ?? 'no digest';
    for (const secret of [ref, 'NDO-SECRET-17', 'Judge', 'fbi.gov', 'agent.smith', 'PDF', digest])
      expect(text).not.toContain(secret);
    expect(await notices(bob)).toEqual([]);
    // A second sweep sends nothing twice.
    expect((await world.server.context.governance.cases.sweep()).noticesSent).toBe(0);
    expect(await notices(alice)).toHaveLength(1);
  });

  it('is sent at the decision, with its objection window, when no order forbids it', async () => {
    await world.advance(60_000);
    const ref = await approved({});
    expect((await ok(marc, ref, { type: 'countersign' })).state).toBe('notice');
    const [latest] = await notices(alice);
    expect(latest).toMatchObject({ delayedByOrder: false, categoriesDisclosed: ['account_basic'] });
    expect(Date.parse(latest?.objectionWindowEndsAt ?? '')).toBe(world.clock.now().getTime() + 10 * DAY);
    expect(await notices(alice)).toHaveLength(2);
  });

  it('is read only with a member session', async () => {
    expect((await fbi.call('listNotices', {})).status).toBe(401);
  });
});
