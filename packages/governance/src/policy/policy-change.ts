import type { z } from 'zod';
import type { StaffActor } from '../actors.ts';
import { PolicyError } from '../errors.ts';
import { isDataCategoryId } from '../vocabulary/data-catalogue.ts';
import { isInstrumentType } from '../vocabulary/instruments.ts';
import { hasPermission } from '../vocabulary/staff-roles.ts';
import { checkHistoricalPlacement, type RecordedHistory } from './policy-placement.ts';
import { type PolicyProposal, policyProposalSchema } from './policy-schema.ts';
import type { JurisdictionPolicy } from './policy-types.ts';

/** A proposal waiting for its second signature. */
export type PendingPolicyChange = Readonly<{
  proposal: PolicyProposal;
  proposedBy: string;
  proposedAt: number;
  /** For a historical import (`policy-import.ts`): where the record of that past decision comes from. */
  provenance: string | null;
}>;

/**
 * The checks every proposal passes, forward-dated or historical: the proposer's right, the shape (untrusted
 * input, parsed with `schema`), and the cross-field rules, each failure with its own code.
 */
export function validateProposal<T extends PolicyProposal>(
  input: unknown,
  proposer: StaffActor,
  schema: z.ZodType<T>,
): T {
  if (!hasPermission(proposer.roles, 'propose_policy')) {
    throw new PolicyError(
      'forbidden_role',
      `Staff ${proposer.id} lacks the policy_admin right to propose a policy change.`,
    );
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new PolicyError(
      'policy_invalid',
      `The policy proposal is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`,
      {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    );
  }
  const proposal = parsed.data;
  if (proposal.status !== 'ACCEPT' && proposal.assessment === null) {
    throw new PolicyError(
      'assessment_required',
      `A ${proposal.status} policy needs a due-diligence assessment.`,
    );
  }
  if (proposal.status === 'ACCEPT_RESTRICTED' && proposal.restriction === null) {
    throw new PolicyError(
      'restriction_required',
      'An ACCEPT_RESTRICTED policy must list the request types and categories it still accepts.',
    );
  }
  if (proposal.status === 'REDIRECT_MLAT' && proposal.treatyNotice === null) {
    throw new PolicyError(
      'treaty_notice_required',
      'A REDIRECT_MLAT policy must say which treaty route to use.',
    );
  }
  return proposal;
}

/**
 * Validates a policy admin's proposal (untrusted input) and records who proposed it. A change may not take
 * effect in the past: past decisions were made under the old policy and must stay explainable. (History that
 * predates the deployment is recorded with `proposeHistoricalPolicy` instead.)
 */
export function proposePolicyChange(input: unknown, proposer: StaffActor, now: number): PendingPolicyChange {
  const proposal = validateProposal(input, proposer, policyProposalSchema);
  if (proposal.effectiveFrom < now) {
    throw new PolicyError('policy_retroactive', 'A policy change cannot take effect before it is proposed.');
  }
  return { proposal, proposedBy: proposer.id, proposedAt: now, provenance: null };
}

/**
 * The second signature. It must come from a different staff member with the sign-off right, and it turns the
 * proposal into the next version of the jurisdiction's policy.
 */
export function signOffPolicyChange(
  pending: PendingPolicyChange,
  signer: StaffActor,
  recorded: RecordedHistory,
  now: number,
): JurisdictionPolicy {
  if (!hasPermission(signer.roles, 'sign_off_policy')) {
    throw new PolicyError(
      'forbidden_role',
      `Staff ${signer.id} lacks the right to sign off a policy change.`,
    );
  }
  if (signer.id === pending.proposedBy) {
    throw new PolicyError(
      'self_sign_off',
      `Staff ${signer.id} proposed this change and cannot also sign it off.`,
    );
  }
  const p = pending.proposal;
  // A historical version is placed again at sign-off: another version or a request may have been recorded
  // since it was proposed.
  if (pending.provenance !== null) checkHistoricalPlacement(p, recorded, now);
  else if (p.effectiveFrom < now) {
    throw new PolicyError(
      'policy_retroactive',
      'The sign-off came after the proposed effective time; propose again.',
    );
  }
  const previous = recorded.versions
    .filter((v) => v.jurisdiction === p.jurisdiction)
    .reduce((m, v) => Math.max(m, v.version), 0);
  return {
    jurisdiction: p.jurisdiction,
    version: previous + 1,
    effectiveFrom: p.effectiveFrom,
    status: p.status,
    scope: p.scope,
    emergencyRule: p.emergencyRule,
    preservationAllowed: p.preservationAllowed,
    restriction:
      p.restriction === null
        ? null
        : {
            requestTypes: p.restriction.requestTypes,
            categories: p.restriction.categories.filter(isDataCategoryId),
          },
    offenceDenylist: p.offenceDenylist,
    framework: {
      ...p.framework,
      instruments: p.framework.instruments.flatMap((i) =>
        isInstrumentType(i.type) ? [{ ...i, type: i.type }] : [],
      ),
      deadlines: p.framework.deadlines.flatMap((d) =>
        d.instrument === 'any' || isInstrumentType(d.instrument) ? [{ ...d, instrument: d.instrument }] : [],
      ),
    },
    assessment: p.assessment,
    statement: p.statement,
    treatyNotice: p.treatyNotice,
    proposedBy: pending.proposedBy,
    signedOffBy: signer.id,
    ...(pending.provenance === null
      ? {}
      : { historical: { provenance: pending.provenance, recordedAt: now } }),
  };
}
