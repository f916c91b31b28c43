import type { GateDecision } from '../gate/jurisdiction-gate.ts';
import type { Action } from './actions.ts';
import type { CaseState } from './case-types.ts';
import { rangeWithin } from './disclosure-guards.ts';
import { gateNow, type Step } from './step.ts';

type Of<T extends Action['type']> = Extract<Action, { type: T }>;

/** Moves a case according to a gate that did not pass; returns false when it passed. */
export function applyBlockingGate(step: Step, gate: GateDecision): boolean {
  const blocked: Partial<Record<GateDecision['outcome'], CaseState>> = {
    hold: 'held_by_policy',
    redirect: 'redirected',
    refuse: 'rejected',
  };
  const state = blocked[gate.outcome];
  if (state === undefined) return false;
  const kind =
    gate.outcome === 'hold' ? 'held_by_policy' : gate.outcome === 'redirect' ? 'redirected' : 'rejected';
  step
    .patch({ gate, heldSince: gate.outcome === 'hold' ? step.now : null })
    .emit(kind, {
      decision: kind,
      reasonCodes: gate.reasonCode ? [gate.reasonCode] : [],
      policyStatus: gate.decisive?.status ?? null,
    })
    .to(state);
  return true;
}

export function triage(step: Step): void {
  step.emit('triaged').to('triage');
}

/** Intake confirms the requester is who the registry says; emergencies then go to call-back verification. */
export function completeTriage(step: Step, a: Of<'complete_triage'>): void {
  if (!a.requesterVerified) {
    step.emit('rejected', { decision: 'rejected', reasonCodes: ['requester_not_verified'] }).to('rejected');
    return;
  }
  step.to(step.case.submission.requestType === 'emergency_disclosure' ? 'emergency_verification' : 'gate');
}

/**
 * Emergency verification: the call-back must go to the number in the agency registry, never one from the
 * request (forged police e-mails carry the forger's number). A confirmed call also asks the agency for the
 * follow-up legal process.
 */
export function recordCallback(step: Step, a: Of<'record_callback'>): void {
  const registered = step.case.agency.registeredCallbackNumber;
  if (normalizeNumber(a.numberDialed) !== normalizeNumber(registered)) {
    step.fail(
      'callback_to_registered_number',
      'the call-back must go to the agency’s registered number, not a number from the request',
    );
  }
  const callback = { by: step.actorId, at: step.now, numberDialed: a.numberDialed, confirmed: a.confirmed };
  if (!a.confirmed) {
    step
      .patch({ callback })
      .emit('rejected', { decision: 'rejected', reasonCodes: ['emergency_verification_failed'] })
      .to('rejected');
    return;
  }
  step.patch({ callback, followUpLegalProcessRequested: true }).emit('emergency_verified').to('gate');
}

function normalizeNumber(n: string): string {
  return n.replace(/[^0-9+]/g, '');
}

export function runGate(step: Step, a: Of<'run_gate'>): void {
  const gate = gateNow(step.case, a.policies, step.now);
  if (applyBlockingGate(step, gate)) return;
  step
    .patch({ gate })
    .emit('gate_passed', { policyStatus: gate.applied[0]?.status ?? null })
    .to('legal_review');
}

export function requestClarification(step: Step, a: Of<'request_clarification'>): void {
  if (a.question.trim() === '') step.fail('question_required', 'a clarification needs a question');
  const q = {
    question: a.question,
    askedBy: step.actorId,
    askedAt: step.now,
    answer: null,
    answeredAt: null,
  };
  step
    .patch({ clarifications: [...step.case.clarifications, q] })
    .emit('clarification_requested')
    .to('clarification');
}

/** The officer answers; narrowing may only shrink the request, never widen it. */
export function answerClarification(step: Step, a: Of<'answer_clarification'>): void {
  const c = step.case;
  const categories = a.narrowTo?.categories ?? c.categories;
  const dateRange = a.narrowTo?.dateRange ?? c.dateRange;
  if (categories.length === 0 || categories.some((x) => !c.categories.includes(x))) {
    step.fail('narrowing_only', 'an answer may drop categories but not add new ones or drop all of them');
  }
  if (!rangeWithin(dateRange, c.dateRange))
    step.fail('narrowing_only', 'an answer may shorten the date range but not extend it');
  const last = c.clarifications.length - 1;
  const clarifications = c.clarifications.map((q, i) =>
    i === last ? { ...q, answer: a.answer, answeredAt: step.now } : q,
  );
  step.patch({ clarifications }).emit('clarification_answered');
  const narrowed =
    categories.length < c.categories.length ||
    dateRange.from !== c.dateRange.from ||
    dateRange.to !== c.dateRange.to;
  if (narrowed)
    step
      .patch({ categories, dateRange })
      .emit('narrowed', { reasonCodes: ['narrowed_by_agreement'], categories });
  step.to('legal_review');
}

export function completeLegalReview(step: Step, a: Of<'complete_legal_review'>): void {
  step
    .patch({ legalReview: { by: step.actorId, at: step.now, notes: a.notes } })
    .emit('legal_review_completed')
    .to(step.case.gate.humanRightsReview ? 'human_rights_review' : 'decision');
}

export function completeHumanRightsReview(step: Step, a: Of<'complete_human_rights_review'>): void {
  step.patch({ humanRightsReview: { by: step.actorId, at: step.now, cleared: a.cleared, notes: a.notes } });
  step.emit('human_rights_review_completed', { decision: a.cleared ? 'cleared' : 'refused' });
  if (a.cleared) step.to('decision');
  else
    step
      .emit('rejected', { decision: 'rejected', reasonCodes: [a.reasonCode ?? 'human_rights_risk'] })
      .to('rejected');
}

/** Parley contests the demand (or the member objected through counsel); production stops until it is resolved. */
export function challenge(step: Step, a: Of<'challenge'>): void {
  if (a.grounds.trim() === '') step.fail('grounds_required', 'a challenge needs its grounds');
  step.emit('challenged').to('challenged');
}

export function resolveChallenge(step: Step, a: Of<'resolve_challenge'>): void {
  if (a.quashed) {
    step
      .emit('challenge_resolved', { decision: 'quashed' })
      .emit('rejected', { decision: 'rejected', reasonCodes: ['challenged_and_quashed'] })
      .to('rejected');
    return;
  }
  // Upheld: the decision is taken afresh, with two new signatures.
  step
    .patch({ proposal: null, decision: null, notice: null })
    .emit('challenge_resolved', { decision: 'upheld' })
    .to('decision');
}

export function withdraw(step: Step): void {
  step.emit('withdrawn', { decision: 'withdrawn', reasonCodes: ['withdrawn'] }).to('withdrawn');
}

/** Back to triage once the policy lets the request through; the whole review starts again. */
export function resume(step: Step, a: Of<'resume'>): void {
  const gate = gateNow(step.case, a.policies, step.now);
  if (gate.outcome !== 'proceed') {
    step.fail(
      'policy_still_blocks',
      `the policy in force still gives "${gate.outcome}" (${gate.reasonCode ?? 'no reason'})`,
    );
  }
  step
    .patch({ gate, heldSince: null })
    .emit('released_from_hold', { policyStatus: gate.applied[0]?.status ?? null })
    .to('triage');
}

export function close(step: Step): void {
  step.emit('closed').to('closed');
}
