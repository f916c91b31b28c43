import {
  type Action,
  type Actor,
  type DataCategoryId,
  GovernanceError,
  GuardError,
  hasPermission,
  InvalidTransitionError,
  isDataCategoryId,
  type JurisdictionPolicy,
  type ReasonCode,
  reasonCodes,
} from '@parley/governance';
import type { CaseActionBody } from '@parley/protocol';
import { ApiError } from '../../errors.ts';

function categories(ids: readonly string[]): DataCategoryId[] {
  const unknown = ids.filter((id) => !isDataCategoryId(id));
  if (unknown.length > 0)
    throw new ApiError(
      'validation_failed',
      `Unknown data categories: ${unknown.join(', ')}; see /v1/catalogue.`,
    );
  return ids.filter(isDataCategoryId);
}

function reasons(codes: readonly string[]): ReasonCode[] {
  const known = codes.flatMap((code) => reasonCodes.filter((r) => r === code));
  if (known.length !== codes.length)
    throw new ApiError('validation_failed', `Unknown reason codes among: ${codes.join(', ')}.`);
  return known;
}

/**
 * The wire action as the domain's action. The policy history is added here, from the database, for every
 * action that evaluates the jurisdiction gate: a caller can never send its own "gate passed".
 */
export function toDomainAction(a: CaseActionBody, policies: readonly JurisdictionPolicy[]): Action {
  switch (a.type) {
    case 'run_gate':
    case 'countersign':
    case 'resume':
      return { type: a.type, policies };
    case 'produce':
      return { type: 'produce', categories: categories(a.categories), dateRange: a.dateRange, policies };
    case 'answer_clarification': {
      const narrowTo = a.narrowTo && {
        ...(a.narrowTo.categories ? { categories: categories(a.narrowTo.categories) } : {}),
        ...(a.narrowTo.dateRange ? { dateRange: a.narrowTo.dateRange } : {}),
      };
      return { type: a.type, answer: a.answer, ...(narrowTo ? { narrowTo } : {}) };
    }
    case 'complete_human_rights_review': {
      const [reasonCode] = a.reasonCode === undefined ? [] : reasons([a.reasonCode]);
      return { type: a.type, cleared: a.cleared, notes: a.notes, ...(reasonCode ? { reasonCode } : {}) };
    }
    case 'propose_decision':
      return {
        type: a.type,
        outcome: a.outcome,
        reasonCodes: reasons(a.reasonCodes),
        categories: categories(a.categories),
        ...(a.noticeException === undefined ? {} : { noticeException: a.noticeException }),
      };
    default:
      return a;
  }
}

/** Officers read their own agency's cases (any other is not found); staff need the read_cases right. */
export function mayReadCases(actor: Actor): boolean {
  return actor.kind !== 'staff' || hasPermission(actor.roles, 'read_cases');
}

/**
 * A domain refusal as an API error. The message names the current state and the failed guard; `details`
 * carry both for programs. An officer acting on another agency's case is told it does not exist. A caller
 * who may not read cases (a policy admin releasing held ones) learns only which rule refused: the state,
 * and whatever else a guard says about the case, would let it read any case by trying actions on it.
 */
export function domainError(error: unknown, mayRead: boolean): never {
  if (!mayRead && error instanceof GovernanceError) blindError(error);
  if (error instanceof GuardError) {
    if (error.guard === 'officer_own_agency') throw new ApiError('not_found', 'No such request.');
    if (error.guard === 'role_permission') throw new ApiError('forbidden_role', error.message, error.details);
    if (error.guard === 'second_signature_by_other')
      throw new ApiError('self_approval', error.message, error.details);
    throw new ApiError('guard_failed', error.message, error.details);
  }
  if (error instanceof InvalidTransitionError)
    throw new ApiError('invalid_transition', error.message, error.details);
  if (error instanceof GovernanceError)
    throw new ApiError('guard_failed', error.message, { guard: error.code, ...error.details });
  throw error;
}

function blindError(error: GovernanceError): never {
  const action = error.details.action;
  const said = typeof action === 'string' ? { action } : {};
  if (error instanceof InvalidTransitionError) throw new ApiError('invalid_transition', undefined, said);
  const guard = error instanceof GuardError ? error.guard : error.code;
  if (guard === 'officer_own_agency') throw new ApiError('not_found', 'No such request.');
  if (guard === 'role_permission') {
    const permission = error.details.permission;
    throw new ApiError('forbidden_role', undefined, {
      ...said,
      ...(typeof permission === 'string' ? { permission } : {}),
    });
  }
  if (guard === 'second_signature_by_other') throw new ApiError('self_approval', undefined, said);
  throw new ApiError('guard_failed', undefined, { ...said, guard });
}
