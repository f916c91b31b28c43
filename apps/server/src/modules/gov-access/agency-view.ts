import type { AgencyRecord } from '@parley/governance';
import { authorityKinds } from '@parley/governance';
import type { AgencyRow } from './access-rows.ts';

export function isAuthorityKind(k: string): k is AgencyRecord['kind'] {
  return authorityKinds.some((x) => x === k);
}

/** An agency as the staff API shows it: its registry entry and its standing, with the last reason given. */
export function presentAgency(a: AgencyRow) {
  if (!isAuthorityKind(a.kind)) throw new Error('corrupt agency row');
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    jurisdiction: a.jurisdiction,
    emailDomains: [...a.emailDomains],
    callbackNumber: a.callbackNumber,
    callbackSource: a.callbackSource,
    approved: a.standing === 'approved',
    approvedAt: a.approvedAt?.toISOString() ?? null,
    standing: a.standing,
    standingReason: a.standingReason,
    standingChangedAt: a.standingChangedAt?.toISOString() ?? null,
  };
}
