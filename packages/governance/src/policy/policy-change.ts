import type { StaffActor } from '../actors.ts';
import { PolicyError } from '../errors.ts';
import { isDataCategoryId } from '../vocabulary/data-catalogue.ts';
import { isInstrumentType } from '../vocabulary/instruments.ts';
import { hasPermission } from '../vocabulary/staff-roles.ts';
import { type PolicyProposal, policyProposalSchema } from './policy-schema.ts';
import type { JurisdictionPolicy } from './policy-types.ts';

/** A proposal waiting for its second signature. */
export type PendingPolicyChange = Readonly<{
  proposal: PolicyProposal;
  proposedBy: string;
  proposedAt: number;
}>;

/**
 * Validates a policy admin's proposal (untrusted input) and records who proposed it. A change may not take
 * effect in the past: past decisions were made under the old policy and must stay explainable.
 */
export function proposePolicyChange(input: unknown, proposer: StaffActor, now: number): PendingPolicyChange {
  if (!hasPermission(proposer.roles, 'propose_policy')) {
    throw new PolicyError(
      'forbidden_role',
      `Staff ${proposer.id} lacks the policy_admin right to propose a policy change.`,
    );
  }
  const parsed = policyProposalSchema.safeParse(input);
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
  if (proposal.effectiveFrom < now) {
    throw new PolicyError('policy_retroactive', 'A policy change cannot take effect before it is proposed.');
  }
  return { proposal, proposedBy: proposer.id, proposedAt: now };
}

/**
 * The second signature. It must come from a different staff member with the sign-off right, and it turns the
 * proposal into the next version of the jurisdiction's policy.
 */
export function signOffPolicyChange(
  pending: PendingPolicyChange,
  signer: StaffActor,
  history: readonly JurisdictionPolicy[],
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
  if (p.effectiveFrom < now) {
    throw new PolicyError(
      'policy_retroactive',
      'The sign-off came after the proposed effective time; propose again.',
    );
  }
  const previous = history
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
  };
}
