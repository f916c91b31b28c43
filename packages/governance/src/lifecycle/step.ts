import { type Actor, actorLabel } from '../actors.ts';
import { GuardError } from '../errors.ts';
import type { RequestEvent, RequestEventKind } from '../events/event-types.ts';
import { type EventDetail, nextRequestEvent } from '../events/request-events.ts';
import { evaluateGate, type GateDecision } from '../gate/jurisdiction-gate.ts';
import { governingPolicy, instrumentCeiling } from '../policy/policy-history.ts';
import { defaultFramework, type JurisdictionPolicy, type LegalFramework } from '../policy/policy-types.ts';
import type { DataTier } from '../vocabulary/data-catalogue.ts';
import type { ActionType } from './actions.ts';
import type { CaseState, RequestCase } from './case-types.ts';

/** The result of one transition: the new case and the events to log, in order. */
export type Transition = Readonly<{ case: RequestCase; events: readonly RequestEvent[] }>;

/**
 * Accumulates one transition. Handlers call `fail` for a guard, `emit` for each event and `to` for the new
 * state; nothing is visible to the caller until `done`, so a failed guard leaves no partial change.
 */
export class Step {
  private c: RequestCase;
  private readonly events: RequestEvent[] = [];
  constructor(
    readonly original: RequestCase,
    readonly action: ActionType,
    readonly actor: Actor,
    readonly now: number,
  ) {
    this.c = original;
  }

  get case(): RequestCase {
    return this.c;
  }

  get actorId(): string {
    return this.actor.kind === 'system' ? 'system' : this.actor.id;
  }

  fail(guard: string, reason: string, details: Readonly<Record<string, unknown>> = {}): never {
    throw new GuardError(this.original.state, this.action, guard, reason, details);
  }

  patch(fields: Partial<RequestCase>): this {
    this.c = { ...this.c, ...fields };
    return this;
  }

  emit(kind: RequestEventKind, detail: EventDetail = {}): this {
    const { event, chain } = nextRequestEvent(this.c, this.c.chain, kind, this.now, detail);
    this.events.push(event);
    this.c = { ...this.c, chain };
    return this;
  }

  to(state: CaseState): this {
    const record = {
      action: this.action,
      from: this.c.state,
      to: state,
      actor: actorLabel(this.actor),
      at: this.now,
    };
    this.c = { ...this.c, state, history: [...this.c.history, record] };
    return this;
  }

  done(): Transition {
    return { case: this.c, events: this.events };
  }
}

/** The gate for a case as it stands now (narrowed categories included). */
export function gateNow(c: RequestCase, policies: readonly JurisdictionPolicy[], now: number): GateDecision {
  return evaluateGate(
    policies,
    {
      requestType: c.submission.requestType,
      issuerJurisdiction: c.agency.jurisdiction,
      targetJurisdictions: c.targetJurisdictions,
      offenceClassification: c.submission.offenceClassification,
      categories: c.categories,
    },
    now,
  );
}

/** The issuing jurisdiction's legal framework in force now. */
export function frameworkNow(
  c: RequestCase,
  policies: readonly JurisdictionPolicy[],
  now: number,
): LegalFramework {
  return governingPolicy(policies, c.agency.jurisdiction, now)?.framework ?? defaultFramework;
}

/** The highest tier this case's instrument may compel; with no policy history, the generic ceiling. */
export function ceilingOf(c: RequestCase, framework: LegalFramework): DataTier | null {
  return instrumentCeiling(framework, c.submission.instrument.type);
}
