import { OBJECTION_WINDOW_DAYS, planNotice } from '../notices/notice-plan.ts';
import { defaultFramework } from '../policy/policy-types.ts';
import { DAY } from '../time/calendar.ts';
import type { RequestType } from '../vocabulary/requests.ts';
import type { Action } from './actions.ts';
import type { DecisionOutcome, NoticeRecord } from './case-types.ts';
import { checkDisclosable, rangeWithin } from './disclosure-guards.ts';
import { applyBlockingGate } from './review-steps.ts';
import { ceilingOf, frameworkNow, gateNow, type Step } from './step.ts';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

/** Preservation holds for 90 days, extendable once by 90 more. */
export const PRESERVATION_DAYS = 90;

const outcomesFor: Readonly<Record<RequestType, readonly DecisionOutcome[]>> = {
  legal_process: ['disclose', 'reject', 'no_data'],
  emergency_disclosure: ['disclose', 'reject', 'no_data'],
  national_security: ['disclose', 'reject', 'no_data'],
  private_party: ['disclose', 'reject', 'no_data'],
  preservation: ['preserve', 'reject', 'no_data'],
  account_restriction: ['restrict_account', 'reject', 'no_data'],
  real_time_interception: ['reject'],
};

/** The first signature: a reviewer proposes an outcome with reason codes and, for a disclosure, the categories. */
export function proposeDecision(step: Step, a: Of<'propose_decision'>): void {
  const c = step.case;
  if (!outcomesFor[c.submission.requestType].includes(a.outcome)) {
    step.fail(
      'outcome_not_for_request_type',
      `a ${c.submission.requestType} request cannot be decided "${a.outcome}"`,
    );
  }
  if (a.reasonCodes.length === 0)
    step.fail('reason_codes_required', 'a decision carries at least one reason code');
  if (a.outcome === 'disclose') {
    // Only the generic ceiling is known without the policy history; countersign and produce apply the
    // jurisdiction's own, which can only be lower.
    checkDisclosable(step, a.categories, c.categories, ceilingOf(c, defaultFramework), c.gate);
  }
  const proposal = {
    outcome: a.outcome,
    reasonCodes: a.reasonCodes,
    categories: a.outcome === 'disclose' ? a.categories : [],
    noticeException: a.noticeException ?? null,
    proposedBy: step.actorId,
    proposedAt: step.now,
  };
  step.patch({ proposal }).emit('decision_proposed', { decision: a.outcome, reasonCodes: a.reasonCodes });
}

/**
 * The second signature, by a different person. The gate is evaluated again now: a jurisdiction paused
 * between review and decision holds the case here instead of letting an earlier "pass" through.
 */
export function countersign(step: Step, a: Of<'countersign'>): void {
  const c = step.case;
  const p = c.proposal;
  if (p === null) step.fail('proposal_required', 'there is no proposed decision to countersign');
  if (p.proposedBy === step.actorId)
    step.fail(
      'second_signature_by_other',
      `${step.actorId} proposed this decision and cannot also countersign it`,
    );
  if (
    c.gate.humanRightsReview &&
    c.humanRightsReview?.cleared !== true &&
    p.outcome !== 'reject' &&
    p.outcome !== 'no_data'
  ) {
    step.fail(
      'human_rights_review_required',
      'this request is flagged for human-rights review and has not been cleared',
    );
  }
  if (
    c.submission.requestType === 'emergency_disclosure' &&
    c.callback?.confirmed !== true &&
    p.outcome === 'disclose'
  ) {
    step.fail(
      'emergency_verified',
      'an emergency disclosure needs a confirmed call-back to the registered number',
    );
  }
  const gate = gateNow(c, a.policies, step.now);
  const releases = p.outcome === 'disclose' || p.outcome === 'preserve' || p.outcome === 'restrict_account';
  if (releases && applyBlockingGate(step, gate)) return;
  if (p.outcome === 'disclose')
    checkDisclosable(
      step,
      p.categories,
      c.categories,
      ceilingOf(c, frameworkNow(c, a.policies, step.now)),
      gate,
    );
  const decision = { ...p, countersignedBy: step.actorId, countersignedAt: step.now, gate };
  step
    .patch({ decision, gate })
    .emit('decision_signed', { decision: p.outcome, reasonCodes: p.reasonCodes, categories: p.categories });
  switch (p.outcome) {
    case 'reject':
      step.emit('rejected', { decision: 'rejected', reasonCodes: p.reasonCodes }).to('rejected');
      return;
    case 'no_data':
      step.emit('no_data', { decision: 'no_data', reasonCodes: p.reasonCodes }).to('no_data');
      return;
    case 'preserve':
      step
        .patch({
          preservation: {
            preservedAt: step.now,
            expiresAt: step.now + PRESERVATION_DAYS * DAY,
            extended: false,
          },
        })
        .emit('preserved', { decision: 'preserve' })
        .to('preserved');
      return;
    case 'restrict_account':
      step
        .emit('account_restricted', { decision: 'restrict_account', reasonCodes: p.reasonCodes })
        .emit('closed')
        .to('closed');
      return;
    case 'disclose': {
      const notice = planNotice(
        c,
        frameworkNow(c, a.policies, step.now).nonDisclosure,
        p.noticeException,
        step.now,
      );
      step.patch({ notice });
      if (notice.status === 'deferred') step.emit('notice_deferred').to('notice_deferred');
      else step.emit(notice.status === 'sent' ? 'notice_sent' : 'notice_not_given').to('notice');
    }
  }
}

/**
 * Production. Every guard is checked again here, whatever was checked before: two distinct signatures, a
 * gate passed at decision time and now, the objection window over, only approved and held categories within
 * the tier and the date range, never content.
 */
export function produce(step: Step, a: Of<'produce'>): void {
  const c = step.case;
  const d = c.decision;
  if (d === null || d.outcome !== 'disclose')
    step.fail('disclosure_decision_required', 'there is no signed decision to disclose');
  if (d.proposedBy === d.countersignedBy)
    step.fail('two_distinct_approvals', 'the decision does not carry two distinct signatures');
  if (d.gate.outcome !== 'proceed')
    step.fail('gate_passed_at_decision', 'the jurisdiction gate had not passed when the decision was signed');
  const gate = gateNow(c, a.policies, step.now);
  if (gate.outcome !== 'proceed') {
    step.fail(
      'gate_passed_now',
      `the jurisdiction policy now gives "${gate.outcome}" (${gate.reasonCode ?? ''}); nothing may be produced`,
    );
  }
  const n = c.notice;
  if (n?.status === 'sent' && n.objectionWindowEndsAt !== null && step.now < n.objectionWindowEndsAt) {
    step.fail('objection_window_over', 'the member’s objection window is still open');
  }
  checkDisclosable(
    step,
    a.categories,
    d.categories,
    ceilingOf(c, frameworkNow(c, a.policies, step.now)),
    gate,
  );
  if (!rangeWithin(a.dateRange, c.dateRange))
    step.fail(
      'within_date_range',
      `the production range must lie within ${c.dateRange.from}..${c.dateRange.to}`,
    );
  step
    .patch({
      production: { by: step.actorId, at: step.now, categories: a.categories, dateRange: a.dateRange },
    })
    .emit('produced', { decision: 'disclose', reasonCodes: d.reasonCodes, categories: a.categories })
    .to('production');
}

/** A deferred notice whose order has lapsed is sent; before production the member still gets the objection window. */
export function sendDeferredNotice(step: Step): void {
  const c = step.case;
  const n = c.notice;
  if (n?.status !== 'deferred' || n.dueAt === null)
    step.fail('notice_deferred', 'no deferred notice is pending');
  if (step.now < n.dueAt)
    step.fail('notice_due', `the non-disclosure order binds until ${new Date(n.dueAt).toISOString()}`);
  const produced = c.state !== 'notice_deferred';
  const notice: NoticeRecord = {
    ...n,
    status: 'sent',
    sentAt: step.now,
    objectionWindowEndsAt: produced ? null : step.now + OBJECTION_WINDOW_DAYS * DAY,
  };
  step
    .patch({ notice })
    .emit('notice_sent')
    .to(produced ? c.state : 'notice');
}

export function extendPreservation(step: Step): void {
  const p = step.case.preservation;
  if (p === null || p.extended) step.fail('extend_once', 'a preservation may be extended once');
  if (step.now >= p.expiresAt) step.fail('preservation_live', 'the preservation has already expired');
  step
    .patch({ preservation: { ...p, extended: true, expiresAt: p.expiresAt + PRESERVATION_DAYS * DAY } })
    .emit('preservation_extended')
    .to('preservation_extended');
}

export function consumePreservation(step: Step, a: Of<'consume_preservation'>): void {
  if (a.legalProcessReference.trim() === '')
    step.fail('legal_process_required', 'name the legal process that consumes the preserved data');
  step.emit('preservation_consumed').to('preservation_consumed');
}

/** The preserved snapshot is purged at expiry; the server deletes it in the same transaction. */
export function expirePreservation(step: Step): void {
  const p = step.case.preservation;
  if (p === null || step.now < p.expiresAt)
    step.fail('preservation_expired', 'the preservation has not expired yet');
  step.emit('preservation_expired', { decision: 'purged' }).to('preservation_expired');
}
