import {
  type Action,
  apply,
  type Channel,
  casesToResume,
  isNoticeDue,
  overdueCases,
  type RequestCase,
  type RequestEvent,
  type SystemActor,
} from '@parley/governance';
import type { CaseActionBody } from '@parley/protocol';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import { requireStaff } from '../gov-access/authorize.ts';
import { type GovPrincipal, type OfficerPrincipal, principalLabel } from '../gov-access/principal.ts';
import type { RegistryService } from '../gov-access/registry.ts';
import type { AuditService } from '../gov-audit/service.ts';
import { eventFeed, type FeedListener } from '../gov-events/feed.ts';
import type { PolicyService } from '../gov-policies/service.ts';
import { domainError, mayReadCases, toDomainAction } from './action-mapping.ts';
import { type AgencySummary, presentCase } from './case-view.ts';
import { submitRequest } from './intake.ts';
import { type CaseRow, caseStore } from './store.ts';

/** What happens beside a transition, in its transaction: production packages, snapshots, member notices. */
export interface CaseEffects {
  afterTransition(
    tx: Db,
    before: RequestCase,
    after: RequestCase,
    events: readonly RequestEvent[],
    now: Date,
  ): Promise<void>;
  productionReady(tx: Db, reference: string, now: Date): Promise<boolean>;
}

/** A transition as listeners see it; `targets` reads the case's resolved account ids on demand. */
export type TransitionChange = Readonly<{
  before: RequestCase;
  after: RequestCase;
  targets: () => Promise<number[]>;
  now: Date;
}>;

/**
 * Told of every transition inside its transaction (member notices). It may return work to run once that
 * transaction has committed, so a device told "look now" finds what was written.
 */
export interface TransitionListener {
  transitioned(tx: Db, change: TransitionChange): Promise<(() => void) | undefined>;
}

const noEffects: CaseEffects = { afterTransition: async () => undefined, productionReady: async () => false };
const system: SystemActor = { kind: 'system' };

/**
 * Government requests: intake, every lifecycle action through the domain's `apply` in one transaction with
 * its case update, events, side effects and audit event, and the views officers and staff may read.
 */
export class CaseService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #registry: RegistryService;
  readonly #policies: PolicyService;
  effects: CaseEffects = noEffects;
  /** Told of each event in its transaction (the disclosure log publishes it). */
  feedListener: FeedListener | undefined;
  readonly listeners: TransitionListener[] = [];

  constructor(db: Db, clock: Clock, audit: AuditService, registry: RegistryService, policies: PolicyService) {
    this.#db = db;
    this.#clock = clock;
    this.#audit = audit;
    this.#registry = registry;
    this.#policies = policies;
  }

  async submit(actor: GovPrincipal, body: Readonly<{ channel: Channel } & Record<string, unknown>>) {
    const officer = requireOfficer(actor);
    const entry = {
      actor: principalLabel(officer),
      action: 'submit_request',
      object: `agency:${officer.agencyId}`,
    };
    return this.#audit.run(entry, async (tx) => {
      const ack = await submitRequest(
        tx,
        {
          registry: this.#registry,
          policies: await this.#policies.versions(tx),
          ...(this.feedListener ? { feed: this.feedListener } : {}),
        },
        officer,
        body,
        this.#clock.now(),
      );
      await this.#audit.record(tx, {
        actor: principalLabel(officer),
        action: 'received',
        object: ack.reference,
      });
      return ack;
    });
  }

  async act(actor: GovPrincipal, reference: string, body: CaseActionBody) {
    const entry = { actor: principalLabel(actor), action: body.type, object: reference };
    const committed: (() => void)[] = [];
    const view = await this.#audit.run(entry, async (tx) => {
      const row = await this.#visible(tx, actor, reference, true);
      const action = toDomainAction(body, await this.#policies.versions(tx));
      const after = await this.#transition(tx, row.case, action, actor, committed);
      const now = this.#clock.now();
      return presentCase(
        after,
        row.acknowledgement,
        actor.kind,
        await this.#agencyFor(tx, actor, after.agency.id),
        now,
        await this.effects.productionReady(tx, reference, now),
      );
    });
    for (const run of committed) run();
    return view;
  }

  async #transition(
    tx: Db,
    c: RequestCase,
    action: Action,
    actor: GovPrincipal | SystemActor,
    committed: (() => void)[],
  ): Promise<RequestCase> {
    const now = this.#clock.now();
    let result: ReturnType<typeof apply>;
    try {
      result = apply(c, action, actor, now.getTime());
    } catch (error) {
      domainError(error, mayReadCases(actor));
    }
    await caseStore.update(tx, result.case, now);
    await eventFeed.appendRequestEvents(
      tx,
      c.reference,
      result.case.state,
      result.events,
      now,
      this.feedListener && { listener: this.feedListener, case: result.case },
    );
    await this.effects.afterTransition(tx, c, result.case, result.events, now);
    const change: TransitionChange = {
      before: c,
      after: result.case,
      targets: () => caseStore.targetAccounts(tx, c.reference),
      now,
    };
    for (const listener of this.listeners) {
      const run = await listener.transitioned(tx, change);
      if (run) committed.push(run);
    }
    return result.case;
  }

  async get(actor: GovPrincipal, reference: string) {
    return this.#audit.run(
      { actor: principalLabel(actor), action: 'read_case', object: reference },
      async (tx) => {
        const row = await this.#visible(tx, actor, reference, false);
        const now = this.#clock.now();
        return presentCase(
          row.case,
          row.acknowledgement,
          actor.kind,
          await this.#agencyFor(tx, actor, row.case.agency.id),
          now,
          await this.effects.productionReady(tx, reference, now),
        );
      },
    );
  }

  async list(actor: GovPrincipal, query: Readonly<{ state?: string; limit: number }>) {
    return this.#audit.run(
      { actor: principalLabel(actor), action: 'list_cases', object: query.state ?? 'all' },
      async (tx) => {
        if (actor.kind === 'staff') requireStaff(actor, 'read_cases');
        const rows = await caseStore.list(tx, {
          ...(actor.kind === 'officer' ? { agencyId: actor.agencyId } : {}),
          ...(query.state === undefined ? {} : { state: query.state }),
          limit: query.limit,
        });
        const now = this.#clock.now();
        const cases = [];
        const agencies = new Map<string, AgencySummary>();
        for (const r of rows)
          cases.push(
            presentCase(
              r.case,
              r.acknowledgement,
              actor.kind,
              await this.#agencyFor(tx, actor, r.case.agency.id, agencies),
              now,
              await this.effects.productionReady(tx, r.case.reference, now),
            ),
          );
        return { cases };
      },
    );
  }

  /** Staff see the requesting agency's name and standing; officers know their own agency. */
  async #agencyFor(
    tx: Db,
    actor: GovPrincipal,
    agencyId: string,
    known: Map<string, AgencySummary> = new Map(),
  ): Promise<AgencySummary | null> {
    if (actor.kind !== 'staff') return null;
    const cached = known.get(agencyId);
    if (cached) return cached;
    const record = await this.#registry.agencyRecord(tx, agencyId);
    const summary = { name: record.name, standing: record.standing };
    known.set(agencyId, summary);
    return summary;
  }

  async overdue(actor: GovPrincipal) {
    return this.#audit.run(
      { actor: principalLabel(actor), action: 'list_overdue', object: 'cases' },
      async (tx) => {
        requireStaff(actor, 'read_cases');
        const rows = await caseStore.list(tx, { limit: 10_000 });
        const late = overdueCases(
          rows.map((r) => r.case),
          this.#clock.now().getTime(),
        );
        return {
          cases: late.map((c) => ({
            reference: c.reference,
            state: c.state,
            deadlineAt: new Date(c.deadlineAt ?? 0).toISOString(),
          })),
        };
      },
    );
  }

  /** The overdue alert's number, for the sweeper's log line. */
  async overdueCount(): Promise<number> {
    const rows = await caseStore.list(this.#db, { limit: 100_000 });
    return overdueCases(
      rows.map((r) => r.case),
      this.#clock.now().getTime(),
    ).length;
  }

  /** When the first request was received: a historical policy import may not reach past it. */
  firstReceivedAt(tx: Db): Promise<Date | null> {
    return caseStore.firstReceivedAt(tx);
  }

  /** Held cases the policy now in force lets through go back to triage, oldest first (policy sign-off, sweeper). */
  async resumeHeld(tx: Db): Promise<readonly string[]> {
    const policies = await this.#policies.versions(tx);
    const held = (await caseStore.list(tx, { state: 'held_by_policy', limit: 100_000 })).map((r) => r.case);
    const released: string[] = [];
    // Resuming sends no notice, so nothing waits for the caller's commit.
    const committed: (() => void)[] = [];
    for (const c of casesToResume(held, policies, this.#clock.now().getTime())) {
      await this.#transition(tx, c, { type: 'resume', policies }, system, committed);
      await this.#audit.record(tx, { actor: 'system', action: 'resume', object: c.reference });
      released.push(c.reference);
    }
    return released;
  }

  /**
   * The clock's work: deferred notices whose order has lapsed are sent, lapsed preservations expire (and are
   * purged), and held cases a policy now lets through are resumed. Each case in its own transaction.
   */
  async sweep(): Promise<Readonly<{ noticesSent: number; preservationsExpired: number; resumed: number }>> {
    const now = this.#clock.now().getTime();
    const rows = await caseStore.list(this.#db, {
      states: ['notice_deferred', 'production', 'closed', 'preserved', 'preservation_extended'],
      limit: 100_000,
    });
    let noticesSent = 0;
    let preservationsExpired = 0;
    for (const { case: c } of rows) {
      const action: Action | null = isNoticeDue(c, now)
        ? { type: 'send_deferred_notice' }
        : c.preservation !== null &&
            (c.state === 'preserved' || c.state === 'preservation_extended') &&
            now >= c.preservation.expiresAt
          ? { type: 'expire_preservation' }
          : null;
      if (action === null) continue;
      const committed: (() => void)[] = [];
      await this.#audit.run({ actor: 'system', action: action.type, object: c.reference }, async (tx) => {
        const locked = await caseStore.forUpdate(tx, c.reference);
        if (locked) await this.#transition(tx, locked.case, action, system, committed);
      });
      for (const run of committed) run();
      if (action.type === 'send_deferred_notice') noticesSent += 1;
      else preservationsExpired += 1;
    }
    const resumed = await this.#db.transaction().execute((tx) => this.resumeHeld(tx));
    return { noticesSent, preservationsExpired, resumed: resumed.length };
  }

  /** Officers see only their agency's cases; anyone else's reference is "not found", not "forbidden". */
  async #visible(tx: Db, actor: GovPrincipal, reference: string, lock: boolean): Promise<CaseRow> {
    if (actor.kind === 'staff' && !lock) requireStaff(actor, 'read_cases');
    const row = lock ? await caseStore.forUpdate(tx, reference) : await caseStore.get(tx, reference);
    if (!row || (actor.kind === 'officer' && row.case.agency.id !== actor.agencyId))
      throw new ApiError('not_found', 'No such request.');
    return row;
  }
}

function requireOfficer(p: GovPrincipal): OfficerPrincipal {
  if (p.kind !== 'officer')
    throw new ApiError('forbidden_role', 'Only officers of an approved agency submit requests.');
  return p;
}
