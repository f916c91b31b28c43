import {
  type Action,
  type DataCategoryId,
  GovernanceError,
  GuardError,
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

/**
 * A domain refusal as an API error. The message names the current state and the failed guard; `details`
 * carry both for programs. An officer acting on another agency's case is told it does not exist.
 */
export function domainError(error: unknown): never {
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
