import {
  GovernanceError,
  type JurisdictionPolicy,
  type PendingPolicyChange,
  proposeHistoricalPolicy,
  proposePolicyChange,
  type RecordedHistory,
  type StaffActor,
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
import { presentPolicy, presentProposal } from './present.ts';
import { policyStore } from './store.ts';

/** Called in the sign-off's transaction: held requests the new policy lets through go back to triage. */
export type OnPolicySigned = (tx: Db, now: Date) => Promise<readonly string[]>;

/** When the deployment received its first government request; a historical import must not reach past it. */
export interface RequestHistory {
  firstReceivedAt(tx: Db): Promise<Date | null>;
}

type ProposalInput = Readonly<{ effectiveFrom: string } & Record<string, unknown>>;

/** Domain refusals of a historical version's placement: the record already says otherwise. */
const historyConflicts = new Set(['import_not_earliest', 'import_after_first_request']);

/** The domain's policy refusals (missing assessment, self sign-off …) as one API error with its code. */
function policyError(error: unknown): never {
  if (error instanceof GovernanceError) {
    if (error.code === 'forbidden_role') throw new ApiError('forbidden_role', error.message);
    const code =
      error.code === 'self_sign_off'
        ? 'self_approval'
        : historyConflicts.has(error.code)
          ? 'policy_history_conflict'
          : 'policy_rejected';
    throw new ApiError(code, error.message, { code: error.code, ...error.details });
  }
  throw error;
}

/** Runs a domain step, turning its refusal into the API error. */
function domain<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    return policyError(error);
  }
}

const unwired: RequestHistory = {
  firstReceivedAt: () => Promise.reject(new Error('PolicyService.requests is not wired')),
};

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
  /** Where the first request's time comes from (the cases module); imports are refused until it is wired. */
  requests: RequestHistory = unwired;

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
    return this.#propose(actor, body, 'propose_policy', async (input, staff, now) =>
      proposePolicyChange(input, staff, now),
    );
  }

  /**
   * A historical version (`docs/governance.md`, "Recording history"): proposed like any change, placed before
   * the jurisdiction's recorded versions and the first request, and signed off by someone else.
   */
  async importHistorical(actor: GovPrincipal, body: ProposalInput) {
    return this.#propose(actor, body, 'import_policy', async (input, staff, now, tx) =>
      proposeHistoricalPolicy(input, staff, await this.#recorded(tx), now),
    );
  }

  /** One audited transaction: the domain builds the pending change, the store keeps it for its sign-off. */
  async #propose(
    actor: GovPrincipal,
    body: ProposalInput,
    action: 'propose_policy' | 'import_policy',
    build: (input: unknown, staff: StaffActor, now: number, tx: Db) => Promise<PendingPolicyChange>,
  ) {
    const id = newGovId();
    return this.#audit.run({ actor: principalLabel(actor), action, object: `proposal:${id}` }, async (tx) => {
      const staff = requireStaff(actor, 'propose_policy');
      const now = this.#clock.now();
      const input = { ...body, effectiveFrom: Date.parse(body.effectiveFrom) };
      const pending = await build(input, staff, now.getTime(), tx).catch(policyError);
      return this.#recordProposal(tx, id, pending, now);
    });
  }

  async #recordProposal(tx: Db, id: string, pending: PendingPolicyChange, now: Date) {
    await policyStore.insertProposal(tx, id, pending, now);
    return presentProposal({
      id,
      jurisdiction: pending.proposal.jurisdiction,
      proposal: pending.proposal,
      proposed_by: pending.proposedBy,
      proposed_at: now,
      signed_by: null,
      provenance: pending.provenance,
    });
  }

  async #recorded(tx: Db): Promise<RecordedHistory> {
    const first = await this.requests.firstReceivedAt(tx);
    return { versions: await policyStore.versions(tx), firstRequestAt: first?.getTime() ?? null };
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
      const recorded = await this.#recorded(tx);
      const policy = domain(() => signOffPolicyChange(found.pending, staff, recorded, now.getTime()));
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
          proposals: proposals.map(presentProposal),
        };
      },
    );
  }
}
