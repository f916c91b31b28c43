import { type CaseState, terminalStates } from '@parley/sdk';

/** States nothing more happens in (the domain's terminal states). */
const ended: ReadonlySet<string> = new Set(terminalStates);

/** The order queues are shown in: work waiting on staff first, then what waits on others, then the ended. */
export const queueOrder = [
  'received',
  'triage',
  'emergency_verification',
  'gate',
  'legal_review',
  'human_rights_review',
  'decision',
  'notice',
  'notice_deferred',
  'production',
  'clarification',
  'challenged',
  'preserved',
  'preservation_extended',
  'held_by_policy',
  ...terminalStates,
] as const satisfies readonly CaseState[];

/** True for a state nothing more happens in. */
export function isEnded(state: string): boolean {
  return ended.has(state);
}

/** Where a state sits in the queues; an unknown state goes last rather than disappearing. */
export function queueRank(state: string): number {
  const order: readonly string[] = queueOrder;
  const i = order.indexOf(state);
  return i === -1 ? queueOrder.length : i;
}

export const stateLabels: Readonly<Record<CaseState, string>> = {
  received: 'Received',
  triage: 'Triage',
  emergency_verification: 'Emergency verification',
  gate: 'Jurisdiction gate',
  legal_review: 'Legal review',
  clarification: 'Waiting for clarification',
  human_rights_review: 'Human-rights review',
  decision: 'Decision',
  notice: 'Notice sent',
  notice_deferred: 'Notice deferred by order',
  production: 'Produced',
  closed: 'Closed',
  held_by_policy: 'Held by policy',
  redirected: 'Redirected',
  rejected: 'Rejected',
  no_data: 'No data',
  withdrawn: 'Withdrawn',
  challenged: 'Challenged',
  preserved: 'Preserved',
  preservation_extended: 'Preservation extended',
  preservation_consumed: 'Preservation consumed',
  preservation_expired: 'Preservation expired',
};

const labels: Readonly<Record<string, string>> = stateLabels;

export function stateLabel(state: string): string {
  return labels[state] ?? state.replaceAll('_', ' ');
}
