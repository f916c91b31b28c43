import { describe, expect, it } from 'vitest';
import {
  type Action,
  type Actor,
  apply,
  GuardError,
  InvalidTransitionError,
  isDataCategoryId,
  type RequestCase,
} from '../src/index.ts';
import { agencies, catchError, day, officerOf, receive, staff, worldPolicies } from './fixtures.ts';

const policies = worldPolicies();
const t0 = day('2026-04-02');

function toDecision(overrides: Record<string, unknown> = {}): RequestCase {
  let c = receive(agencies.usFbi, overrides, { now: t0 }).case;
  const steps: [Action, Actor][] = [
    [{ type: 'triage' }, staff.intake],
    [{ type: 'complete_triage', requesterVerified: true }, staff.intake],
    [{ type: 'run_gate', policies }, staff.intake],
    [{ type: 'complete_legal_review', notes: 'ok' }, staff.reviewerA],
  ];
  for (const [a, who] of steps) c = apply(c, a, who, t0).case;
  return c;
}

const disclose = (categories: string[]): Action => ({
  type: 'propose_decision',
  outcome: 'disclose',
  reasonCodes: ['valid_legal_process'],
  categories: categories.filter(isDataCategoryId),
});

describe('refusals', () => {
  it('refuses a second signature by the proposer, naming state and guard', () => {
    const c = apply(toDecision(), disclose(['account_basic']), staff.reviewerA, t0).case;
    const err = catchError(() => apply(c, { type: 'countersign', policies }, staff.reviewerA, t0));
    expect(err).toBeInstanceOf(GuardError);
    expect(err).toMatchObject({ code: 'second_signature_by_other', state: 'decision' });
    expect(String(err)).toMatch(/state "decision".*guard "second_signature_by_other"/);
  });

  it('refuses any disclosure of message content', () => {
    const c = toDecision({ categories: ['account_basic', 'message_content'], instrument: warrant });
    expect(catchError(() => apply(c, disclose(['message_content']), staff.reviewerA, t0))).toMatchObject({
      code: 'content_not_producible',
    });
  });

  it('refuses production of content even with a signed decision', () => {
    let c = apply(toDecision(), disclose(['account_basic']), staff.reviewerA, t0).case;
    c = apply(c, { type: 'countersign', policies }, staff.reviewerB, t0).case;
    const produce: Action = {
      type: 'produce',
      categories: ['message_content'],
      dateRange: c.dateRange,
      policies,
    };
    expect(catchError(() => apply(c, produce, staff.reviewerA, day('2026-05-01')))).toMatchObject({
      code: 'content_not_producible',
    });
    const outside: Action = {
      type: 'produce',
      categories: ['account_basic'],
      dateRange: { from: '2025-01-01', to: '2026-03-31' },
      policies,
    };
    expect(catchError(() => apply(c, outside, staff.reviewerA, day('2026-05-01')))).toMatchObject({
      code: 'within_date_range',
    });
    const unapproved: Action = { type: 'produce', categories: ['devices'], dateRange: c.dateRange, policies };
    expect(catchError(() => apply(c, unapproved, staff.reviewerA, day('2026-05-01')))).toMatchObject({
      code: 'category_not_requested',
    });
  });

  it('refuses categories beyond the instrument’s tier and categories not held', () => {
    const c = toDecision({ categories: ['account_basic', 'group_membership', 'ip_addresses'] });
    expect(catchError(() => apply(c, disclose(['group_membership']), staff.reviewerA, t0))).toMatchObject({
      code: 'beyond_instrument_tier',
    });
    expect(catchError(() => apply(c, disclose(['ip_addresses']), staff.reviewerA, t0))).toMatchObject({
      code: 'category_not_held',
    });
  });

  it('refuses staff acting outside their role', () => {
    const c = receive(agencies.usFbi, {}, { now: t0 }).case;
    for (const who of [staff.reviewerA, staff.auditor, staff.admin, staff.rights]) {
      expect(catchError(() => apply(c, { type: 'triage' }, who, t0))).toMatchObject({
        code: 'role_permission',
        state: 'received',
      });
    }
    const d = toDecision();
    expect(catchError(() => apply(d, disclose(['account_basic']), staff.intake, t0))).toMatchObject({
      code: 'role_permission',
    });
    expect(catchError(() => apply(d, disclose(['account_basic']), staff.auditor, t0))).toMatchObject({
      code: 'role_permission',
    });
  });

  it('refuses an officer of another agency and actions not defined for the state', () => {
    const c = receive(agencies.usFbi, {}, { now: t0 }).case;
    expect(catchError(() => apply(c, { type: 'withdraw' }, officerOf(agencies.dePolice), t0))).toMatchObject({
      code: 'officer_own_agency',
    });
    const err = catchError(() => apply(c, { type: 'countersign', policies }, staff.reviewerB, t0));
    expect(err).toBeInstanceOf(InvalidTransitionError);
    expect(err).toMatchObject({ code: 'invalid_transition', state: 'received' });
  });

  it('refuses an emergency call-back to a number that is not the agency’s registered one', () => {
    let c = receive(agencies.usFbi, emergencyOverrides, { now: t0 }).case;
    c = apply(c, { type: 'triage' }, staff.intake, t0).case;
    c = apply(c, { type: 'complete_triage', requesterVerified: true }, staff.intake, t0).case;
    expect(
      catchError(() =>
        apply(c, { type: 'record_callback', numberDialed: '+1 555 0100', confirmed: true }, staff.intake, t0),
      ),
    ).toMatchObject({
      code: 'callback_to_registered_number',
    });
    const failed = apply(
      c,
      { type: 'record_callback', numberDialed: '+1 (202) 324-3000', confirmed: false },
      staff.intake,
      t0,
    );
    expect(failed.case.state).toBe('rejected');
    expect(failed.events[0]?.public.reasonCodes).toEqual(['emergency_verification_failed']);
  });

  it('answers real-time interception with "not technically possible"', () => {
    const r = receive(
      agencies.usFbi,
      { requestType: 'real_time_interception', instrument: { ...warrant, type: 'interception_order' } },
      { now: t0 },
    );
    expect(r.case.state).toBe('rejected');
    expect(r.events[1]?.public.reasonCodes).toEqual(['not_technically_possible']);
    expect(r.acknowledgement.text).toContain('not technically possible');
  });
});

const warrant = {
  type: 'search_warrant',
  issuer: 'N.D. Cal.',
  date: '2026-04-01',
  signatory: 'Judge',
  documentSha256: 'c'.repeat(64),
};
const emergencyOverrides = {
  requestType: 'emergency_disclosure',
  emergency: { factualBasis: 'Kidnapping in progress.' },
  instrument: {
    type: 'emergency_request',
    issuer: 'FBI',
    date: '2026-04-01',
    signatory: 'SSA',
    documentSha256: 'd'.repeat(64),
  },
};
