import { z } from 'zod';
import type { StaffActor } from '../actors.ts';
import { type PendingPolicyChange, validateProposal } from './policy-change.ts';
import { checkHistoricalPlacement, type RecordedHistory } from './policy-placement.ts';
import { policyProposalSchema } from './policy-schema.ts';

/**
 * A version of a jurisdiction's policy decided before this deployment kept its record (Hong Kong paused
 * since 2020-07-06), with the provenance of that decision: the minutes, the published statement.
 */
export const policyImportSchema = policyProposalSchema.extend({
  provenance: z.string().trim().min(1).max(10_000),
});

/**
 * Proposes a historical version: the same rights, shape and due diligence as any change, placed by
 * `checkHistoricalPlacement`, and still waiting for a second staff member's sign-off. It is published like
 * any change, in the week it is recorded, so the log says the history was written now about the past.
 */
export function proposeHistoricalPolicy(
  input: unknown,
  proposer: StaffActor,
  recorded: RecordedHistory,
  now: number,
): PendingPolicyChange {
  const { provenance, ...proposal } = validateProposal(input, proposer, policyImportSchema);
  checkHistoricalPlacement(proposal, recorded, now);
  return { proposal, proposedBy: proposer.id, proposedAt: now, provenance };
}
