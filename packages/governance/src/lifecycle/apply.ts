import type { Actor } from '../actors.ts';
import { GuardError, InvalidTransitionError } from '../errors.ts';
import { hasPermission } from '../vocabulary/staff-roles.ts';
import type { Action } from './actions.ts';
import type { RequestCase } from './case-types.ts';
import {
  consumePreservation,
  countersign,
  expirePreservation,
  extendPreservation,
  produce,
  proposeDecision,
  sendDeferredNotice,
} from './decision-steps.ts';
import {
  answerClarification,
  challenge,
  close,
  completeHumanRightsReview,
  completeLegalReview,
  completeTriage,
  recordCallback,
  requestClarification,
  resolveChallenge,
  resume,
  runGate,
  triage,
  withdraw,
} from './review-steps.ts';
import { Step, type Transition } from './step.ts';
import { transitions } from './transitions.ts';

/** Actions a held case still allows: the officer may withdraw, and a lifted pause releases it. */
const allowedWhileHeld: readonly Action['type'][] = ['withdraw', 'resume'];

function authorize(step: Step, c: RequestCase, actor: Actor): void {
  const who = transitions[step.action].who;
  if (actor.kind === 'staff') {
    if (who.staff === undefined || !hasPermission(actor.roles, who.staff)) {
      const needed = who.staff ?? (who.officer ? 'the requesting officer' : 'the system');
      step.fail(
        'role_permission',
        `staff ${actor.id} with roles [${actor.roles.join(', ')}] lacks ${needed}`,
      );
    }
  } else if (actor.kind === 'officer') {
    if (!who.officer) step.fail('role_permission', `officer ${actor.id} may not ${step.action}`);
    if (actor.agencyId !== c.agency.id)
      step.fail('officer_own_agency', `officer ${actor.id} does not belong to the requesting agency`);
  } else if (!who.system) {
    step.fail('role_permission', `the system may not ${step.action}; a person must`);
  }
}

/**
 * The lifecycle's single entry point. Returns the new case and the events to log, or throws a
 * GovernanceError naming the current state and the failed guard. Pure: `now` is the caller's clock.
 */
export function apply(c: RequestCase, action: Action, actor: Actor, now: number): Transition {
  const step = new Step(c, action.type, actor, now);
  if (c.state === 'held_by_policy' && !allowedWhileHeld.includes(action.type)) {
    const p = c.gate.decisive;
    throw new GuardError(
      c.state,
      action.type,
      'case_held_by_policy',
      `the request is held while ${p?.jurisdiction ?? 'its jurisdiction'} is ${p?.status ?? 'PAUSED'}: it is counted, but neither reviewed nor produced`,
    );
  }
  const rule = transitions[action.type];
  if (!rule.from.includes(c.state)) throw new InvalidTransitionError(c.state, action.type);
  authorize(step, c, actor);
  switch (action.type) {
    case 'triage':
      triage(step);
      break;
    case 'complete_triage':
      completeTriage(step, action);
      break;
    case 'record_callback':
      recordCallback(step, action);
      break;
    case 'run_gate':
      runGate(step, action);
      break;
    case 'request_clarification':
      requestClarification(step, action);
      break;
    case 'answer_clarification':
      answerClarification(step, action);
      break;
    case 'complete_legal_review':
      completeLegalReview(step, action);
      break;
    case 'complete_human_rights_review':
      completeHumanRightsReview(step, action);
      break;
    case 'propose_decision':
      proposeDecision(step, action);
      break;
    case 'countersign':
      countersign(step, action);
      break;
    case 'produce':
      produce(step, action);
      break;
    case 'send_deferred_notice':
      sendDeferredNotice(step);
      break;
    case 'challenge':
      challenge(step, action);
      break;
    case 'resolve_challenge':
      resolveChallenge(step, action);
      break;
    case 'close':
      close(step);
      break;
    case 'withdraw':
      withdraw(step);
      break;
    case 'resume':
      resume(step, action);
      break;
    case 'extend_preservation':
      extendPreservation(step);
      break;
    case 'consume_preservation':
      consumePreservation(step, action);
      break;
    case 'expire_preservation':
      expirePreservation(step);
      break;
  }
  const result = step.done();
  // The table is the contract: a handler that lands outside it is a bug, never a silent success.
  if (result.case.state !== c.state && !rule.to.includes(result.case.state)) {
    throw new GuardError(
      c.state,
      action.type,
      'transition_table',
      `handler reached undeclared state ${result.case.state}`,
    );
  }
  return result;
}
