import type { Permission } from '../vocabulary/staff-roles.ts';
import type { ActionType } from './actions.ts';
import type { CaseState } from './case-types.ts';

/** Who may take an action: staff with a permission, the requesting agency's officer, or the server's clock. */
export type ActorRule = Readonly<{ staff?: Permission; officer?: true; system?: true }>;

export type TransitionRule = Readonly<{
  from: readonly CaseState[];
  to: readonly CaseState[];
  who: ActorRule;
}>;

const open: readonly CaseState[] = [
  'received',
  'triage',
  'emergency_verification',
  'gate',
  'legal_review',
  'clarification',
  'human_rights_review',
  'decision',
  'notice',
  'notice_deferred',
  'held_by_policy',
  'challenged',
  'preserved',
  'preservation_extended',
];

/**
 * The state machine as data: for each action, the states it may start from, the states it may lead to and
 * who may take it. Guards beyond this table live with the handlers; a test walks the table for the docs.
 */
export const transitions: Readonly<Record<ActionType, TransitionRule>> = {
  triage: { from: ['received'], to: ['triage'], who: { staff: 'triage' } },
  complete_triage: {
    from: ['triage'],
    to: ['emergency_verification', 'gate', 'rejected'],
    who: { staff: 'triage' },
  },
  record_callback: {
    from: ['emergency_verification'],
    to: ['gate', 'rejected'],
    who: { staff: 'verify_emergency' },
  },
  run_gate: {
    from: ['gate'],
    to: ['legal_review', 'held_by_policy', 'redirected', 'rejected'],
    who: { staff: 'run_gate' },
  },
  request_clarification: {
    from: ['legal_review'],
    to: ['clarification'],
    who: { staff: 'request_clarification' },
  },
  answer_clarification: { from: ['clarification'], to: ['legal_review'], who: { officer: true } },
  complete_legal_review: {
    from: ['legal_review'],
    to: ['human_rights_review', 'decision'],
    who: { staff: 'review_legal' },
  },
  complete_human_rights_review: {
    from: ['human_rights_review'],
    to: ['decision', 'rejected'],
    who: { staff: 'review_human_rights' },
  },
  propose_decision: { from: ['decision'], to: ['decision'], who: { staff: 'propose_decision' } },
  countersign: {
    from: ['decision'],
    to: [
      'notice',
      'notice_deferred',
      'rejected',
      'no_data',
      'preserved',
      'closed',
      'held_by_policy',
      'redirected',
    ],
    who: { staff: 'countersign_decision' },
  },
  produce: { from: ['notice', 'notice_deferred'], to: ['production'], who: { staff: 'produce' } },
  send_deferred_notice: {
    from: ['notice_deferred', 'production', 'closed'],
    to: ['notice', 'production', 'closed'],
    who: { staff: 'manage_notices', system: true },
  },
  challenge: {
    from: ['legal_review', 'decision', 'notice', 'notice_deferred'],
    to: ['challenged'],
    who: { staff: 'challenge' },
  },
  resolve_challenge: { from: ['challenged'], to: ['rejected', 'decision'], who: { staff: 'challenge' } },
  close: { from: ['production'], to: ['closed'], who: { staff: 'close_case', system: true } },
  withdraw: { from: open, to: ['withdrawn'], who: { officer: true } },
  resume: { from: ['held_by_policy'], to: ['triage'], who: { staff: 'resume_held', system: true } },
  extend_preservation: {
    from: ['preserved'],
    to: ['preservation_extended'],
    who: { staff: 'manage_preservation' },
  },
  consume_preservation: {
    from: ['preserved', 'preservation_extended'],
    to: ['preservation_consumed'],
    who: { staff: 'manage_preservation' },
  },
  expire_preservation: {
    from: ['preserved', 'preservation_extended'],
    to: ['preservation_expired'],
    who: { staff: 'manage_preservation', system: true },
  },
};
