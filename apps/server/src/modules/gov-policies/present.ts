import type { JurisdictionPolicy, PolicyStatus } from '@parley/governance';
import { policyStatuses } from '@parley/governance';

/** A signed version as the API shows it; an imported one says when it was recorded and from what. */
export function presentPolicy(p: JurisdictionPolicy) {
  return {
    jurisdiction: p.jurisdiction,
    version: p.version,
    effectiveFrom: new Date(p.effectiveFrom).toISOString(),
    status: p.status,
    scope: p.scope,
    emergencyRule: p.emergencyRule,
    statement: p.statement,
    assessment: p.assessment === null ? null : { ...p.assessment },
    preservationAllowed: p.preservationAllowed,
    restriction:
      p.restriction === null
        ? null
        : { requestTypes: [...p.restriction.requestTypes], categories: [...p.restriction.categories] },
    offenceDenylist: [...p.offenceDenylist],
    framework: {
      instruments: p.framework.instruments.map((i) => ({ ...i })),
      deadlines: p.framework.deadlines.map((d) => ({ ...d })),
      nonDisclosure: p.framework.nonDisclosure === null ? null : { ...p.framework.nonDisclosure },
      channels: [...p.framework.channels],
    },
    treatyNotice: p.treatyNotice,
    proposedBy: p.proposedBy,
    signedOffBy: p.signedOffBy,
    historical:
      p.historical === undefined
        ? null
        : {
            provenance: p.historical.provenance,
            recordedAt: new Date(p.historical.recordedAt).toISOString(),
          },
  };
}

type ProposalRow = Readonly<{
  id: string;
  jurisdiction: string;
  proposal: unknown;
  proposed_by: string;
  proposed_at: Date;
  signed_by: string | null;
  provenance: string | null;
}>;

/** A proposal as the API lists it; the stored JSON was written by the store from a validated proposal. */
export function presentProposal(row: ProposalRow) {
  return {
    id: row.id,
    jurisdiction: row.jurisdiction,
    status: statusOf(row.proposal),
    proposedBy: row.proposed_by,
    proposedAt: row.proposed_at.toISOString(),
    state: row.signed_by === null ? ('pending' as const) : ('signed' as const),
    historical: row.provenance !== null,
  };
}

function statusOf(proposal: unknown): PolicyStatus {
  const s =
    typeof proposal === 'object' && proposal !== null && 'status' in proposal ? proposal.status : null;
  return policyStatuses.find((known) => known === s) ?? 'ACCEPT';
}
