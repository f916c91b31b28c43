import type { JurisdictionPolicy, PendingPolicyChange } from '@parley/governance';
import { isJurisdictionCode, policyStatuses } from '@parley/governance';
import type { Db } from '../../db/database.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Policies are written only by this store, from values the domain built, so reading them back checks the
 * fields the gate keys on rather than re-validating the whole record.
 */
function isPolicy(v: unknown): v is JurisdictionPolicy {
  return (
    isRecord(v) &&
    typeof v.jurisdiction === 'string' &&
    isJurisdictionCode(v.jurisdiction) &&
    typeof v.version === 'number' &&
    typeof v.effectiveFrom === 'number' &&
    policyStatuses.some((s) => s === v.status) &&
    isRecord(v.framework)
  );
}

function isPending(v: unknown): v is PendingPolicyChange['proposal'] {
  return isRecord(v) && typeof v.jurisdiction === 'string' && typeof v.effectiveFrom === 'number';
}

/** An imported proposal is stored with its provenance next to the policy fields; an ordinary one has none. */
function provenanceOf(proposal: unknown): string | null {
  const p = isRecord(proposal) ? proposal.provenance : undefined;
  return typeof p === 'string' ? p : null;
}

/** The only code that writes policy proposals and versions. */
export const policyStore = {
  async insertProposal(db: Db, id: string, pending: PendingPolicyChange, at: Date): Promise<void> {
    await db
      .insertInto('gov_policy_proposals')
      .values({
        id,
        jurisdiction: pending.proposal.jurisdiction,
        proposal: JSON.stringify(
          pending.provenance === null
            ? pending.proposal
            : { ...pending.proposal, provenance: pending.provenance },
        ),
        proposed_by: pending.proposedBy,
        proposed_at: at,
      })
      .execute();
  },

  async proposalForUpdate(db: Db, id: string) {
    const r = await db
      .selectFrom('gov_policy_proposals')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!r || !isPending(r.proposal)) return undefined;
    const pending: PendingPolicyChange = {
      proposal: r.proposal,
      proposedBy: r.proposed_by,
      proposedAt: r.proposed_at.getTime(),
      provenance: provenanceOf(r.proposal),
    };
    return { pending, signedBy: r.signed_by };
  },

  async markSigned(db: Db, id: string, by: string, at: Date): Promise<void> {
    await db
      .updateTable('gov_policy_proposals')
      .set({ signed_by: by, signed_at: at })
      .where('id', '=', id)
      .execute();
  },

  async proposals(db: Db) {
    const rows = await db.selectFrom('gov_policy_proposals').selectAll().orderBy('proposed_at').execute();
    return rows.map((r) => ({ ...r, provenance: provenanceOf(r.proposal) }));
  },

  async insertVersion(
    db: Db,
    policy: JurisdictionPolicy,
    proposalId: string | null,
    at: Date,
  ): Promise<void> {
    await db
      .insertInto('gov_policy_versions')
      .values({
        jurisdiction: policy.jurisdiction,
        version: policy.version,
        effective_from: new Date(policy.effectiveFrom),
        status: policy.status,
        policy: JSON.stringify(policy),
        proposal_id: proposalId,
        signed_at: at,
      })
      .execute();
  },

  async versions(db: Db): Promise<JurisdictionPolicy[]> {
    const rows = await db
      .selectFrom('gov_policy_versions')
      .select('policy')
      .orderBy('jurisdiction')
      .orderBy('version')
      .execute();
    return rows.flatMap((r) => (isPolicy(r.policy) ? [r.policy] : []));
  },
};
