import type { JurisdictionPolicy } from '../policy/policy-types.ts';
import type { DataCategoryId } from '../vocabulary/data-catalogue.ts';
import type { ReasonCode } from '../vocabulary/reason-codes.ts';
import type { DecisionOutcome } from './case-types.ts';

type Policies = Readonly<{ policies: readonly JurisdictionPolicy[] }>;

/**
 * Everything that can happen to a request. Actions that depend on jurisdiction policy carry the policy
 * history, and the domain evaluates it at `now` itself: a caller can never pass in a "gate passed" flag.
 */
export type Action =
  | Readonly<{ type: 'triage' }>
  | Readonly<{ type: 'complete_triage'; requesterVerified: boolean }>
  | Readonly<{ type: 'record_callback'; numberDialed: string; confirmed: boolean }>
  | (Readonly<{ type: 'run_gate' }> & Policies)
  | Readonly<{ type: 'request_clarification'; question: string }>
  | Readonly<{
      type: 'answer_clarification';
      answer: string;
      /** The officer may narrow the request: fewer categories, a shorter range. */
      narrowTo?: Readonly<{
        categories?: readonly DataCategoryId[];
        dateRange?: Readonly<{ from: string; to: string }>;
      }>;
    }>
  | Readonly<{ type: 'complete_legal_review'; notes: string }>
  | Readonly<{
      type: 'complete_human_rights_review';
      cleared: boolean;
      reasonCode?: ReasonCode;
      notes: string;
    }>
  | Readonly<{
      type: 'propose_decision';
      outcome: DecisionOutcome;
      reasonCodes: readonly ReasonCode[];
      categories: readonly DataCategoryId[];
      noticeException?: string;
    }>
  | (Readonly<{ type: 'countersign' }> & Policies)
  | (Readonly<{
      type: 'produce';
      categories: readonly DataCategoryId[];
      dateRange: Readonly<{ from: string; to: string }>;
    }> &
      Policies)
  | Readonly<{ type: 'send_deferred_notice' }>
  | Readonly<{ type: 'challenge'; grounds: string }>
  | Readonly<{ type: 'resolve_challenge'; quashed: boolean }>
  | Readonly<{ type: 'close' }>
  | Readonly<{ type: 'withdraw' }>
  | (Readonly<{ type: 'resume' }> & Policies)
  | Readonly<{ type: 'extend_preservation' }>
  | Readonly<{ type: 'consume_preservation'; legalProcessReference: string }>
  | Readonly<{ type: 'expire_preservation' }>;

export type ActionType = Action['type'];
