import { EVENT_ENCODING_TAG } from '@parley/governance';
import type { RouteInput } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HK_STATEMENT, hkAssessment, registerMember, submission } from './members.ts';
import { GovWorld, type Principal } from './support.ts';

let world: GovWorld;
let hana: Principal;
let ivy: Principal;
let audrey: Principal;

type ImportBody = RouteInput<'importPolicy'>['body'];
const PROVENANCE = 'Board minutes of 2020-07-05 (ref. B-2020-14); statement published 2020-07-06.';
const hkPause: ImportBody = {
  jurisdiction: 'HK',
  effectiveFrom: '2020-07-06T00:00:00Z',
  status: 'PAUSED',
  scope: 'both',
  emergencyRule: 'deny',
  preservationAllowed: null,
  restriction: null,
  offenceDenylist: ['secession', 'subversion'],
  framework: { instruments: [], deadlines: [], nonDisclosure: null, channels: ['direct'] },
  assessment: hkAssessment,
  statement: HK_STATEMENT,
  treatyNotice: null,
  provenance: PROVENANCE,
};

const importAs = (who: Principal, body: Record<string, unknown>) =>
  // Deliberately malformed bodies are part of the test, so the body is not typed.
  who.call('importPolicy', { body: body as ImportBody });

/** The public policy events of one jurisdiction in the feed the transparency log publishes. */
async function policyEvents(jurisdiction: string) {
  const rows = await world.server.context.db
    .selectFrom('governance_events')
    .select('public_bytes')
    .where('chain_id', '=', `policy:${jurisdiction}`)
    .orderBy('seq')
    .execute();
  return rows.map((r) =>
    JSON.parse(new TextDecoder().decode(r.public_bytes).slice(EVENT_ENCODING_TAG.length)),
  );
}

beforeAll(async () => {
  world = await GovWorld.start('2026-04-01T09:00:00Z');
  hana = await world.createStaff('hana', ['human_rights_lead']);
  ivy = await world.createStaff('ivy', ['intake']);
  audrey = await world.createStaff('audrey', ['auditor']);
});
afterAll(async () => {
  await world?.close();
});

describe('importing a jurisdiction’s history (POST /v1/gov/policy-imports)', () => {
  it('refuses staff without the policy-admin right and bad input, each with its code', async () => {
    const byIntake = await importAs(ivy, hkPause);
    expect([byIntake.status, byIntake.body.error?.code]).toEqual([403, 'forbidden_role']);
    const { provenance: _p, ...unsourced } = hkPause;
    const noSource = await importAs(world.admin, unsourced);
    expect([noSource.status, noSource.body.error?.code]).toEqual([400, 'validation_failed']);
    const future = await importAs(world.admin, { ...hkPause, effectiveFrom: '2026-05-01T00:00:00Z' });
    expect([future.status, future.body.error?.code]).toEqual([422, 'policy_rejected']);
    expect(future.body.error?.details).toMatchObject({ code: 'policy_not_historical' });
    const noAssessment = await importAs(world.admin, { ...hkPause, assessment: null });
    expect(noAssessment.body.error?.details).toMatchObject({ code: 'assessment_required' });
  });

  it('records Hong Kong paused since 2020-07-06 with a second signature, audited and published', async () => {
    const proposed = await importAs(world.admin, hkPause);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({ jurisdiction: 'HK', state: 'pending', historical: true });
    const proposalId = proposed.body.id;

    const self = await world.admin.call('signOffPolicy', { params: { proposalId } });
    expect([self.status, self.body.error?.code]).toEqual([409, 'self_approval']);
    const signed = await hana.call('signOffPolicy', { params: { proposalId } });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.policy).toMatchObject({
      jurisdiction: 'HK',
      version: 1,
      status: 'PAUSED',
      effectiveFrom: '2020-07-06T00:00:00.000Z',
      assessment: { trigger: hkAssessment.trigger },
      historical: { provenance: PROVENANCE, recordedAt: world.clock.now().toISOString() },
    });

    const audit = await audrey.call('readAudit', { query: { after: 0, limit: 1000 } });
    const trail = audit.body.events.map((e) => [e.action, e.object]);
    expect(trail).toContainEqual(['import_policy', `proposal:${proposalId}`]);
    expect(trail).toContainEqual(['sign_off_policy', `proposal:${proposalId}`]);

    // The log says when it was recorded (this week) and what it records (a pause since 2020).
    expect(await policyEvents('HK')).toEqual([
      expect.objectContaining({
        kind: 'policy_changed',
        isoWeek: '2026-W14',
        effectiveFrom: Date.parse('2020-07-06T00:00:00Z'),
        status: 'PAUSED',
        statement: HK_STATEMENT,
      }),
    ]);
  });

  it('refuses history later than a recorded version, and accepts earlier history', async () => {
    const later = await importAs(world.admin, {
      ...hkPause,
      effectiveFrom: '2021-01-01T00:00:00Z',
      status: 'ACCEPT',
      assessment: null,
    });
    expect([later.status, later.body.error?.code]).toEqual([409, 'policy_history_conflict']);
    expect(later.body.error?.details).toMatchObject({
      code: 'import_not_earliest',
      earliestRecorded: '2020-07-06T00:00:00.000Z',
    });
    const earlier = await importAs(world.admin, {
      ...hkPause,
      effectiveFrom: '2019-01-01T00:00:00Z',
      status: 'ACCEPT',
      assessment: null,
      statement: 'Parley accepts lawful requests from Hong Kong.',
    });
    expect(earlier.status).toBe(201);
    const signed = await hana.call('signOffPolicy', { params: { proposalId: earlier.body.id } });
    expect(signed.body.policy).toMatchObject({ version: 2, effectiveFrom: '2019-01-01T00:00:00.000Z' });
  });

  it('holds requests under the imported pause, and closes history once a request is recorded', async () => {
    const quin = await world.createStaff('quin', ['policy_admin']);
    const { officer } = await world.agencyWithOfficer(
      quin,
      {
        name: 'Hong Kong Police Force',
        kind: 'police',
        jurisdiction: 'HK',
        domain: 'police.gov.hk',
        callback: '+852 2860 2000',
      },
      'inspector.wong@police.gov.hk',
    );
    await registerMember(world.url, 'carrie', 'HK');
    const ack = await officer.call('submitRequest', {
      body: submission({ targets: [{ username: 'carrie' }] }),
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(201);
    expect(ack.body).toMatchObject({ state: 'held_by_policy', policyStatement: HK_STATEMENT });

    const germany = await importAs(world.admin, {
      ...hkPause,
      jurisdiction: 'DE',
      status: 'ACCEPT',
      assessment: null,
      statement: 'Parley accepts lawful requests from Germany.',
    });
    expect([germany.status, germany.body.error?.code]).toEqual([409, 'policy_history_conflict']);
    expect(germany.body.error?.details).toMatchObject({ code: 'import_after_first_request' });
  });
});
