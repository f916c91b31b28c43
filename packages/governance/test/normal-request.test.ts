import { describe, expect, it } from 'vitest';
import {
  type Action,
  type Actor,
  apply,
  isNoticeDue,
  type RequestCase,
  type RequestEvent,
} from '../src/index.ts';
import { agencies, catchError, day, receive, staff, worldPolicies } from './fixtures.ts';

const policies = worldPolicies();
const t0 = day('2026-04-02');

function run(
  c: RequestCase,
  steps: readonly (readonly [Action, Actor, number])[],
): { case: RequestCase; events: RequestEvent[] } {
  const events: RequestEvent[] = [];
  for (const [action, actor, at] of steps) {
    const t = apply(c, action, actor, at);
    c = t.case;
    events.push(...t.events);
  }
  return { case: c, events };
}

describe('a normal US request', () => {
  const ndo = { nonDisclosureOrder: { expiresOn: '2026-06-01', reference: 'NDO-17' } };
  const received = receive(agencies.usFbi, ndo, { now: t0 });
  const reviewed = run(received.case, [
    [{ type: 'triage' }, staff.intake, t0],
    [{ type: 'complete_triage', requesterVerified: true }, staff.intake, t0],
    [{ type: 'run_gate', policies }, staff.intake, t0],
    [
      { type: 'complete_legal_review', notes: 'subpoena valid for basic subscriber data' },
      staff.reviewerA,
      t0,
    ],
    [
      {
        type: 'propose_decision',
        outcome: 'disclose',
        reasonCodes: ['valid_legal_process'],
        categories: ['account_basic', 'devices'],
      },
      staff.reviewerA,
      t0,
    ],
    [{ type: 'countersign', policies }, staff.reviewerB, t0],
  ]);

  it('reaches a signed decision with the notice deferred by the non-disclosure order', () => {
    expect(reviewed.case.state).toBe('notice_deferred');
    expect(reviewed.case.decision).toMatchObject({ proposedBy: 'lena', countersignedBy: 'marc' });
    expect(reviewed.case.notice).toMatchObject({ status: 'deferred', dueAt: day('2026-06-01') });
    expect(reviewed.events.map((e) => e.public.kind)).toEqual([
      'triaged',
      'gate_passed',
      'legal_review_completed',
      'decision_proposed',
      'decision_signed',
      'notice_deferred',
    ]);
  });

  it('produces only the approved, held categories within the range', () => {
    const produced = apply(
      reviewed.case,
      {
        type: 'produce',
        categories: ['account_basic', 'devices'],
        dateRange: { from: '2026-01-01', to: '2026-03-31' },
        policies,
      },
      staff.reviewerA,
      t0,
    );
    expect(produced.case.state).toBe('production');
    expect(produced.events[0]?.public).toMatchObject({
      kind: 'produced',
      categories: ['account_basic', 'devices'],
      decision: 'disclose',
    });
    const closed = apply(produced.case, { type: 'close' }, staff.intake, t0).case;
    expect(closed.state).toBe('closed');

    // The deferred notice is not due while the order binds, and is sent at its expiry.
    expect(isNoticeDue(closed, day('2026-05-31'))).toBe(false);
    expect(
      catchError(() =>
        apply(closed, { type: 'send_deferred_notice' }, { kind: 'system' }, day('2026-05-31')),
      ),
    ).toMatchObject({ code: 'notice_due' });
    expect(isNoticeDue(closed, day('2026-06-01'))).toBe(true);
    const sent = apply(closed, { type: 'send_deferred_notice' }, { kind: 'system' }, day('2026-06-01'));
    expect(sent.case.notice).toMatchObject({ status: 'sent', sentAt: day('2026-06-01') });
    expect(sent.events.map((e) => e.public.kind)).toEqual(['notice_sent']);
  });

  it('chains every event of the request', () => {
    const all = [...received.events, ...reviewed.events];
    expect(all.map((e) => e.public.seq)).toEqual(all.map((_, i) => i));
    expect(new Set(all.map((e) => e.public.chainId)).size).toBe(1);
    expect(all[0]?.public.prev).toBe('');
    expect(all.slice(1).every((e) => /^[0-9a-f]{64}$/.test(e.public.prev))).toBe(true);
  });

  it('without an order notifies the member first and waits for the objection window', () => {
    const r = receive(agencies.usFbi, {}, { now: t0 });
    const c = run(r.case, [
      [{ type: 'triage' }, staff.intake, t0],
      [{ type: 'complete_triage', requesterVerified: true }, staff.intake, t0],
      [{ type: 'run_gate', policies }, staff.intake, t0],
      [{ type: 'complete_legal_review', notes: 'ok' }, staff.reviewerA, t0],
      [
        {
          type: 'propose_decision',
          outcome: 'disclose',
          reasonCodes: ['valid_legal_process'],
          categories: ['devices'],
        },
        staff.reviewerA,
        t0,
      ],
      [{ type: 'countersign', policies }, staff.reviewerB, t0],
    ]).case;
    expect(c.state).toBe('notice');
    expect(c.notice?.status).toBe('sent');
    const produce: Action = { type: 'produce', categories: ['devices'], dateRange: c.dateRange, policies };
    expect(catchError(() => apply(c, produce, staff.reviewerA, t0 + 1))).toMatchObject({
      code: 'objection_window_over',
    });
    expect(apply(c, produce, staff.reviewerA, day('2026-04-12')).case.state).toBe('production');
  });
});
