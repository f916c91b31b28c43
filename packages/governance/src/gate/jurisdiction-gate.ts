import { governingPolicy } from '../policy/policy-history.ts';
import type { EmergencyRule, JurisdictionPolicy, PolicyStatus } from '../policy/policy-types.ts';
import type { DataCategoryId } from '../vocabulary/data-catalogue.ts';
import type { JurisdictionCode } from '../vocabulary/jurisdictions.ts';
import type { ReasonCode } from '../vocabulary/reason-codes.ts';
import type { RequestType } from '../vocabulary/requests.ts';

export type GateOutcome = 'proceed' | 'hold' | 'redirect' | 'refuse';

/** What the gate needs to know about a request: nothing about its content, only where it comes from and whom it is about. */
export type GateInput = Readonly<{
  requestType: RequestType;
  issuerJurisdiction: JurisdictionCode;
  /** Each target's declared jurisdiction, or null when the member declared none. */
  targetJurisdictions: readonly (JurisdictionCode | null)[];
  offenceClassification: string;
  categories: readonly DataCategoryId[];
}>;

/** A policy that applied, and why: it governs the issuer, or a target. */
export type AppliedPolicy = Readonly<{
  jurisdiction: JurisdictionCode;
  version: number;
  status: PolicyStatus;
  matchedAs: 'issuer' | 'target';
}>;

export type GateDecision = Readonly<{
  outcome: GateOutcome;
  /** True when an ACCEPT_RESTRICTED policy narrowed what may be produced. */
  restricted: boolean;
  /** The categories that may still be considered; a subset of those requested. */
  allowedCategories: readonly DataCategoryId[];
  reasonCode: ReasonCode | null;
  applied: readonly AppliedPolicy[];
  /** The policy that decided a non-proceed outcome; its statement goes to the officer and the report. */
  decisive: JurisdictionPolicy | null;
  humanRightsReview: boolean;
  matchedOffences: readonly string[];
  /** For emergency requests under a non-ACCEPT policy: which rule let them through. */
  emergencyRule: EmergencyRule | null;
  evaluatedAt: number;
}>;

type Verdict = Readonly<{
  outcome: GateOutcome;
  reason: ReasonCode | null;
  categories: readonly DataCategoryId[];
  restricted: boolean;
  emergencyRule: EmergencyRule | null;
}>;

// Most protective wins: a refusal by one applicable policy cannot be overridden by another's acceptance.
const severity: Readonly<Record<GateOutcome, number>> = { proceed: 0, hold: 1, redirect: 2, refuse: 3 };

/** Preservation only freezes data, but by default even that is refused while a jurisdiction is not accepted. */
function preservationAllowed(policy: JurisdictionPolicy): boolean {
  return policy.preservationAllowed ?? (policy.status === 'ACCEPT' || policy.status === 'ACCEPT_RESTRICTED');
}

function verdictOf(policy: JurisdictionPolicy, input: GateInput): Verdict {
  const all = input.categories;
  const proceed: Verdict = {
    outcome: 'proceed',
    reason: null,
    categories: all,
    restricted: false,
    emergencyRule: null,
  };
  const refuse = (reason: ReasonCode): Verdict => ({
    outcome: 'refuse',
    reason,
    categories: [],
    restricted: false,
    emergencyRule: null,
  });
  if (policy.status === 'EXITED') return refuse('jurisdiction_exited');
  if (
    input.requestType === 'preservation' &&
    policy.status !== 'ACCEPT' &&
    policy.status !== 'ACCEPT_RESTRICTED'
  ) {
    return preservationAllowed(policy) ? proceed : refuse('preservation_not_allowed');
  }
  if (
    input.requestType === 'emergency_disclosure' &&
    policy.status !== 'ACCEPT' &&
    policy.status !== 'ACCEPT_RESTRICTED'
  ) {
    if (policy.emergencyRule === 'deny') return refuse('emergency_not_accepted');
    return { ...proceed, emergencyRule: policy.emergencyRule };
  }
  switch (policy.status) {
    case 'ACCEPT':
      return proceed;
    case 'ACCEPT_RESTRICTED': {
      const r = policy.restriction;
      if (r === null || !r.requestTypes.includes(input.requestType))
        return refuse('request_type_not_accepted');
      const categories = all.filter((c) => r.categories.includes(c));
      if (categories.length === 0) return refuse('request_type_not_accepted');
      return { ...proceed, categories, restricted: categories.length < all.length };
    }
    case 'PAUSED':
      return {
        outcome: 'hold',
        reason: 'jurisdiction_paused',
        categories: [],
        restricted: false,
        emergencyRule: null,
      };
    case 'REDIRECT_MLAT':
      return {
        outcome: 'redirect',
        reason: 'treaty_route_required',
        categories: [],
        restricted: false,
        emergencyRule: null,
      };
    case 'SUSPENDED':
      return refuse('jurisdiction_suspended');
  }
}

/** The policies that govern a request: the issuer's when its scope covers issuers, each target's when it covers targets. */
export function applicablePolicies(
  policies: readonly JurisdictionPolicy[],
  input: GateInput,
  time: number,
): readonly { policy: JurisdictionPolicy; matchedAs: 'issuer' | 'target' }[] {
  const out: { policy: JurisdictionPolicy; matchedAs: 'issuer' | 'target' }[] = [];
  const issuer = governingPolicy(policies, input.issuerJurisdiction, time);
  if (issuer && issuer.scope !== 'target') out.push({ policy: issuer, matchedAs: 'issuer' });
  // A target with no declared jurisdiction matches no target-scoped policy: Parley does not guess location.
  for (const j of new Set(input.targetJurisdictions)) {
    if (j === null) continue;
    const p = governingPolicy(policies, j, time);
    if (p && p.scope !== 'issuer' && !out.some((o) => o.policy === p))
      out.push({ policy: p, matchedAs: 'target' });
  }
  return out;
}

/**
 * The jurisdiction gate. Every applicable policy gives a verdict and the most protective one wins; with no
 * applicable policy the request proceeds to ordinary review. The human-rights flag is raised by any
 * applicable policy's offence denylist, by national-security demands and by case-by-case emergencies.
 */
export function evaluateGate(
  policies: readonly JurisdictionPolicy[],
  input: GateInput,
  time: number,
): GateDecision {
  const applied = applicablePolicies(policies, input, time);
  let outcome: GateOutcome = 'proceed';
  let reason: ReasonCode | null = null;
  let decisive: JurisdictionPolicy | null = null;
  let categories: readonly DataCategoryId[] = input.categories;
  let restricted = false;
  let emergencyRule: EmergencyRule | null = null;
  for (const { policy } of applied) {
    const v = verdictOf(policy, input);
    if (severity[v.outcome] > severity[outcome]) {
      outcome = v.outcome;
      reason = v.reason;
      decisive = policy;
    }
    if (v.outcome === 'proceed') {
      categories = categories.filter((c) => v.categories.includes(c));
      restricted ||= v.restricted;
      if (v.emergencyRule === 'case_by_case' || emergencyRule === null)
        emergencyRule = v.emergencyRule ?? emergencyRule;
    }
  }
  const offence = input.offenceClassification.toLowerCase();
  const matchedOffences = [
    ...new Set(
      applied.flatMap(({ policy }) =>
        policy.offenceDenylist.filter((o) => offence.includes(o.toLowerCase())),
      ),
    ),
  ].sort();
  const humanRightsReview =
    matchedOffences.length > 0 ||
    input.requestType === 'national_security' ||
    emergencyRule === 'case_by_case';
  return {
    outcome,
    restricted: outcome === 'proceed' && restricted,
    allowedCategories: outcome === 'proceed' ? categories : [],
    reasonCode: reason,
    applied: applied.map(({ policy, matchedAs }) => ({
      jurisdiction: policy.jurisdiction,
      version: policy.version,
      status: policy.status,
      matchedAs,
    })),
    decisive,
    humanRightsReview,
    matchedOffences,
    emergencyRule: outcome === 'proceed' ? emergencyRule : null,
    evaluatedAt: time,
  };
}
