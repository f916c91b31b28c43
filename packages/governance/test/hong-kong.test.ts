import { describe, expect, it } from 'vitest';
import { apply, casesToResume, GuardError, policyAt, type RequestCase } from '../src/index.ts';
import {
  agencies,
  catchError,
  day,
  HK_PAUSE,
  hkAssessment,
  officerOf,
  policy,
  receive,
  staff,
  worldPolicies,
} from './fixtures.ts';

const now = day('2020-11-02');

describe('Hong Kong, paused since 2020-07-06', () => {
  it('has a PAUSED policy resting on a complete due-diligence assessment', () => {
    const p = policyAt(worldPolicies(), 'HK', now);
    expect(p?.status).toBe('PAUSED');
    expect(p?.effectiveFrom).toBe(HK_PAUSE);
    expect(p?.assessment).toEqual(hkAssessment);
    expect(policyAt(worldPolicies(), 'HK', day('2020-07-05'))?.status).toBe('ACCEPT');
  });

  it('receives, acknowledges with the pause notice and counts a Hong Kong police request, then holds it', () => {
    const r = receive(agencies.hkPolice, { offenceClassification: 'subversion' }, { now });
    expect(r.case.state).toBe('held_by_policy');
    expect(r.events.map((e) => e.public.kind)).toEqual(['received', 'held_by_policy']);
    expect(r.events[1]?.public.reasonCodes).toEqual(['jurisdiction_paused']);
    expect(r.acknowledgement.text).toContain(`Parley received request ${r.case.reference}`);
    expect(r.acknowledgement.text).toContain('paused all requests from and about Hong Kong');
    expect(r.acknowledgement.policyStatement).toContain('Hong Kong');
  });

  it('refuses review and production of the held request with a guard naming the state', () => {
    const { case: held } = receive(agencies.hkPolice, {}, { now });
    const attempts = [
      [{ type: 'triage' }, staff.intake],
      [{ type: 'complete_legal_review', notes: 'x' }, staff.reviewerA],
      [
        {
          type: 'produce',
          categories: ['account_basic'],
          dateRange: held.dateRange,
          policies: worldPolicies(),
        },
        staff.reviewerA,
      ],
    ] as const;
    for (const [action, actor] of attempts) {
      const err = catchError(() => apply(held, action, actor, now));
      expect(err).toBeInstanceOf(GuardError);
      expect(err).toMatchObject({ code: 'case_held_by_policy', state: 'held_by_policy' });
      expect(String(err)).toContain('"held_by_policy"');
      expect(String(err)).toContain('HK is PAUSED');
    }
  });

  it('lets the officer withdraw a held request', () => {
    const { case: held } = receive(agencies.hkPolice, {}, { now });
    expect(apply(held, { type: 'withdraw' }, officerOf(agencies.hkPolice), now).case.state).toBe('withdrawn');
  });

  it('declines the emergency variant when the emergency rule is deny', () => {
    const r = receive(agencies.hkPolice, emergency, { now, policies: worldPolicies('deny') });
    expect(r.case.state).toBe('rejected');
    expect(r.events.map((e) => [e.public.kind, e.public.reasonCodes])).toEqual([
      ['received', []],
      ['rejected', ['emergency_not_accepted']],
    ]);
  });

  it('sends the emergency variant through call-back verification and human-rights review when case by case', () => {
    const policies = worldPolicies('case_by_case');
    const r = receive(agencies.hkPolice, emergency, { now, policies });
    expect(r.case.state).toBe('received');
    let c = apply(r.case, { type: 'triage' }, staff.intake, now).case;
    c = apply(c, { type: 'complete_triage', requesterVerified: true }, staff.intake, now).case;
    expect(c.state).toBe('emergency_verification');
    c = apply(
      c,
      { type: 'record_callback', numberDialed: '+852 2860 2000', confirmed: true },
      staff.intake,
      now,
    ).case;
    expect(c.followUpLegalProcessRequested).toBe(true);
    c = apply(c, { type: 'run_gate', policies }, staff.intake, now).case;
    expect(c.state).toBe('legal_review');
    c = apply(c, { type: 'complete_legal_review', notes: 'ok' }, staff.reviewerA, now).case;
    expect(c.state).toBe('human_rights_review');
  });

  it('holds a request from another jurisdiction about a Hong Kong user when the scope covers targets', () => {
    const r = receive(agencies.usFbi, {}, { now, targetJurisdictions: ['HK'] });
    expect(r.case.state).toBe('held_by_policy');
    expect(r.case.gate.applied).toContainEqual({
      jurisdiction: 'HK',
      version: 2,
      status: 'PAUSED',
      matchedAs: 'target',
    });
    const issuerOnly = worldPolicies().map((p) =>
      p.jurisdiction === 'HK' ? { ...p, scope: 'issuer' as const } : p,
    );
    expect(
      receive(agencies.usFbi, {}, { now, targetJurisdictions: ['HK'], policies: issuerOnly }).case.state,
    ).toBe('received');
    // A member who declared no jurisdiction matches no target-scoped policy.
    expect(receive(agencies.usFbi, {}, { now, targetJurisdictions: [null] }).case.state).toBe('received');
  });

  it('returns held requests to triage oldest first when the pause is lifted', () => {
    const held: RequestCase[] = [
      receive(agencies.hkPolice, {}, { now: day('2020-09-01') }).case,
      receive(agencies.usFbi, {}, { now: day('2020-08-01'), targetJurisdictions: ['HK'] }).case,
      receive(agencies.hkPolice, {}, { now: day('2020-10-01') }).case,
    ];
    const lifted = [
      ...worldPolicies(),
      policy('HK', { version: 3, effectiveFrom: day('2023-01-01'), statement: 'Lifted.' }),
    ];
    const later = day('2023-01-02');
    expect(casesToResume(held, worldPolicies(), later)).toEqual([]);
    const order = casesToResume(held, lifted, later);
    expect(order.map((c) => c.receivedAt)).toEqual([day('2020-08-01'), day('2020-09-01'), day('2020-10-01')]);
    const resumed = order.map((c) => apply(c, { type: 'resume', policies: lifted }, staff.admin, later));
    expect(resumed.map((t) => t.case.state)).toEqual(['triage', 'triage', 'triage']);
    expect(resumed[0]?.events.map((e) => e.public.kind)).toEqual(['released_from_hold']);
    expect(
      catchError(() =>
        apply(
          held[0] ?? held[1] ?? fail(),
          { type: 'resume', policies: worldPolicies() },
          staff.admin,
          later,
        ),
      ),
    ).toMatchObject({
      code: 'policy_still_blocks',
    });
  });
});

const emergency = {
  requestType: 'emergency_disclosure',
  emergency: { factualBasis: 'A credible threat to kill a named person tonight.' },
  instrument: {
    type: 'emergency_request',
    issuer: 'HKPF',
    date: '2020-11-01',
    signatory: 'Duty officer',
    documentSha256: 'b'.repeat(64),
  },
};

function fail(): never {
  throw new Error('fixture missing');
}
