import { deadlineFor } from '../deadlines/deadlines.ts';
import type { RequestEvent } from '../events/event-types.ts';
import { newChain, nextRequestEvent } from '../events/request-events.ts';
import { evaluateGate, type GateDecision } from '../gate/jurisdiction-gate.ts';
import type { Submission } from '../intake/submission.ts';
import type { IntakeFlag } from '../intake/validate-submission.ts';
import { governingPolicy } from '../policy/policy-history.ts';
import { defaultFramework, type JurisdictionPolicy } from '../policy/policy-types.ts';
import { dayOf } from '../time/calendar.ts';
import type { JurisdictionCode } from '../vocabulary/jurisdictions.ts';
import type { Channel } from '../vocabulary/requests.ts';
import type { AgencyRecord, CaseState, RequestCase } from './case-types.ts';

export type ReceiveInput = Readonly<{
  /** Private case reference the server assigns. */
  reference: string;
  /** Opaque public id from a CSPRNG; links the request's log events and nothing else. */
  chainId: string;
  agency: AgencyRecord;
  officerId: string;
  channel: Channel;
  submission: Submission;
  flags: readonly IntakeFlag[];
  targetJurisdictions: readonly (JurisdictionCode | null)[];
  policies: readonly JurisdictionPolicy[];
}>;

/** What the officer is told at once, whatever happens next. */
export type Acknowledgement = Readonly<{
  reference: string;
  receivedAt: number;
  state: CaseState;
  text: string;
  policyStatement: string | null;
  treatyNotice: string | null;
  deadlineAt: number | null;
}>;

export type ReceiveResult = Readonly<{
  case: RequestCase;
  events: readonly RequestEvent[];
  acknowledgement: Acknowledgement;
}>;

/** The state a fresh request lands in: the gate decides at once so a paused jurisdiction gets no triage at all. */
function landingState(gate: GateDecision, submission: Submission): CaseState {
  if (submission.requestType === 'real_time_interception') return 'rejected';
  switch (gate.outcome) {
    case 'hold':
      return 'held_by_policy';
    case 'redirect':
      return 'redirected';
    case 'refuse':
      return 'rejected';
    case 'proceed':
      return 'received';
  }
}

/**
 * Records an accepted submission. Every request is received, acknowledged and counted, paused ones included:
 * the `received` event is always emitted first, then the gate's outcome if it ends or holds the request.
 */
export function receiveRequest(input: ReceiveInput, now: number): ReceiveResult {
  const s = input.submission;
  const gate = evaluateGate(
    input.policies,
    {
      requestType: s.requestType,
      issuerJurisdiction: input.agency.jurisdiction,
      targetJurisdictions: input.targetJurisdictions,
      offenceClassification: s.offenceClassification,
      categories: s.categories,
    },
    now,
  );
  const issuerPolicy = governingPolicy(input.policies, input.agency.jurisdiction, now);
  const framework = issuerPolicy?.framework ?? defaultFramework;
  const state = landingState(gate, s);
  const base: RequestCase = {
    reference: input.reference,
    receivedAt: now,
    agency: input.agency,
    officerId: input.officerId,
    channel: input.channel,
    submission: s,
    categories: s.categories,
    dateRange: s.dateRange,
    targetJurisdictions: input.targetJurisdictions,
    flags: input.flags,
    state: 'received',
    gate,
    heldSince: null,
    callback: null,
    followUpLegalProcessRequested: false,
    clarifications: [],
    legalReview: null,
    humanRightsReview: null,
    proposal: null,
    decision: null,
    notice: null,
    production: null,
    preservation: null,
    deadlineAt: deadlineFor(framework, s.instrument.type, s.requestType === 'emergency_disclosure', now),
    history: [],
    chain: newChain(input.chainId),
  };
  const received = nextRequestEvent(base, base.chain, 'received', now);
  const events: RequestEvent[] = [received.event];
  let chain = received.chain;
  if (state !== 'received') {
    const kind =
      state === 'held_by_policy' ? 'held_by_policy' : state === 'redirected' ? 'redirected' : 'rejected';
    const reason = s.requestType === 'real_time_interception' ? 'not_technically_possible' : gate.reasonCode;
    const next = nextRequestEvent(base, chain, kind, now, {
      decision: kind,
      reasonCodes: reason === null ? [] : [reason],
      policyStatus: gate.decisive?.status ?? null,
    });
    events.push(next.event);
    chain = next.chain;
  }
  const c: RequestCase = {
    ...base,
    state,
    heldSince: state === 'held_by_policy' ? now : null,
    history:
      state === 'received'
        ? []
        : [{ action: 'receive', from: 'received', to: state, actor: 'system', at: now }],
    chain,
  };
  return { case: c, events, acknowledgement: acknowledge(c) };
}

/** The acknowledgement text; held and redirected requests carry the policy's public statement. */
export function acknowledge(c: RequestCase): Acknowledgement {
  const policy = c.gate.decisive;
  const head = `Parley received request ${c.reference} on ${dayOf(c.receivedAt)}.`;
  let text: string;
  switch (c.state) {
    case 'held_by_policy':
      text =
        `${head} It is recorded and counted but will not be reviewed and no data will be produced while the policy for ${policy?.jurisdiction ?? 'this jurisdiction'} is ${policy?.status ?? 'PAUSED'}. ${policy?.statement ?? ''}`.trim();
      break;
    case 'redirected':
      text =
        `${head} Parley does not accept requests from ${policy?.jurisdiction ?? 'this jurisdiction'} directly. ${policy?.treatyNotice ?? ''} ${policy?.statement ?? ''}`.trim();
      break;
    case 'rejected':
      text =
        c.submission.requestType === 'real_time_interception'
          ? `${head} Real-time interception is not technically possible: Parley relays only end-to-end encrypted ciphertext it cannot read.`
          : `${head} It cannot be processed (${c.gate.reasonCode ?? 'rejected'}). ${policy?.statement ?? ''}`.trim();
      break;
    default:
      text = `${head} It will be reviewed; you will be contacted through the portal.`;
  }
  return {
    reference: c.reference,
    receivedAt: c.receivedAt,
    state: c.state,
    text,
    policyStatement: c.state === 'received' ? null : (policy?.statement ?? null),
    treatyNotice: c.state === 'redirected' ? (policy?.treatyNotice ?? null) : null,
    deadlineAt: c.deadlineAt,
  };
}
