import {
  GovernanceError,
  type JurisdictionPolicy,
  proposePolicyChange,
  signOffPolicyChange,
} from '@parley/governance';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import { requireAnyStaff, requireStaff } from '../gov-access/authorize.ts';
import { type GovPrincipal, principalLabel } from '../gov-access/principal.ts';
import { newGovId } from '../gov-access/service.ts';
import type { AuditService } from '../gov-audit/service.ts';
import { eventFeed, type FeedListener } from '../gov-events/feed.ts';
import { policyStore } from './store.ts';

/** Called in the sign-off's transaction: held requests the new policy lets through go back to triage. */
export type OnPolicySigned = (tx: Db, now: Date) => Promise<readonly string[]>;

type ProposalInput = Readonly<{ effectiveFrom: string } & Record<string, unknown>>;

/** The domain's policy refusals (missing assessment, self sign-off …) as one API error with its code. */
function policyError(error: unknown): never {
  if (error instanceof GovernanceError) {
    const code = error.code === 'self_sign_off' ? 'self_approval' : 'policy_rejected';
    if (error.code === 'forbidden_role') throw new ApiError('forbidden_role', error.message);
    throw new ApiError(code, error.message, { code: error.code, ...error.details });
  }
  throw error;
}

/**
 * Jurisdiction policies: a policy admin proposes, a different staff member signs off, the new version and its
 * public `policy_changed` event are written in one transaction, and held requests are released when it lets
 * them through.
 */
export class PolicyService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #onSigned: OnPolicySigned;
  /** Told of each policy change in its transaction (the disclosure log publishes it). */
  feedListener: FeedListener | undefined;

  constructor(db: Db, clock: Clock, audit: AuditService, onSigned: OnPolicySigned) {
    this.#db = db;
    this.#clock = clock;
    this.#audit = audit;
    this.#onSigned = onSigned;
  }

  /** Every version of every jurisdiction; the domain picks the one in force at any time. */
  versions(tx: Db = this.#db): Promise<JurisdictionPolicy[]> {
    return policyStore.versions(tx);
  }

  async propose(actor: GovPrincipal, body: ProposalInput) {
    const id = newGovId();
    return this.#audit.run(
      { actor: principalLabel(actor), action: 'propose_policy', object: `proposal:${id}` },
      async (tx) => {
        const staff = requireStaff(actor, 'propose_policy');
        const now = this.#clock.now();
        const input = { ...body, effectiveFrom: Date.parse(body.effectiveFrom) };
        const pending = (() => {
          try {
            return proposePolicyChange(input, staff, now.getTime());
          } catch (error) {
            return policyError(error);
          }
        })();
        await policyStore.insertProposal(tx, id, pending, now);
        return {
          id,
          jurisdiction: pending.proposal.jurisdiction,
          status: pending.proposal.status,
          proposedBy: staff.id,
          proposedAt: now.toISOString(),
          state: 'pending' as const,
        };
      },
    );
  }

  async signOff(actor: GovPrincipal, proposalId: string) {
    const entry = {
      actor: principalLabel(actor),
      action: 'sign_off_policy',
      object: `proposal:${proposalId}`,
    };
    return this.#audit.run(entry, async (tx) => {
      const staff = requireStaff(actor, 'sign_off_policy');
      const found = await policyStore.proposalForUpdate(tx, proposalId);
      if (!found) throw new ApiError('not_found', 'No such policy proposal.');
      if (found.signedBy !== null)
        throw new ApiError('policy_rejected', 'This proposal is already signed off.');
      const now = this.#clock.now();
      let policy: JurisdictionPolicy;
      try {
        policy = signOffPolicyChange(found.pending, staff, await policyStore.versions(tx), now.getTime());
      } catch (error) {
        policyError(error);
      }
      await policyStore.insertVersion(tx, policy, proposalId, now);
      await policyStore.markSigned(tx, proposalId, staff.id, now);
      await eventFeed.appendPolicyChange(tx, policy, now, this.feedListener);
      const resumed = await this.#onSigned(tx, now);
      return { policy: presentPolicy(policy), resumed: [...resumed] };
    });
  }

  async list(actor: GovPrincipal) {
    return this.#audit.run(
      { actor: principalLabel(actor), action: 'list_policies', object: 'policies' },
      async (tx) => {
        requireAnyStaff(actor, ['propose_policy', 'sign_off_policy', 'read_cases']);
        const proposals = await policyStore.proposals(tx);
        return {
          policies: (await policyStore.versions(tx)).map(presentPolicy),
          proposals: proposals.map((p) => ({
            id: p.id,
            jurisdiction: p.jurisdiction,
            status: statusOf(p.proposal),
            proposedBy: p.proposed_by,
            proposedAt: p.proposed_at.toISOString(),
            state: p.signed_by === null ? ('pending' as const) : ('signed' as const),
          })),
        };
      },
    );
  }
}

function statusOf(proposal: unknown): JurisdictionPolicy['status'] {
  const s =
    typeof proposal === 'object' && proposal !== null && 'status' in proposal ? proposal.status : 'ACCEPT';
  switch (s) {
    case 'ACCEPT_RESTRICTED':
    case 'PAUSED':
    case 'REDIRECT_MLAT':
    case 'SUSPENDED':
    case 'EXITED':
      return s;
    default:
      return 'ACCEPT';
  }
}

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
    proposedBy: p.proposedBy,
    signedOffBy: p.signedOffBy,
  };
}
