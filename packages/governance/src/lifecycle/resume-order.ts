import type { JurisdictionPolicy } from '../policy/policy-types.ts';
import type { RequestCase } from './case-types.ts';
import { gateNow } from './step.ts';

/**
 * Held cases to send back to triage once a pause is lifted, oldest request first (ties by reference so every
 * server agrees). Only cases the policy in force at `now` lets through are listed; the caller applies
 * `resume` to each in this order.
 */
export function casesToResume(
  cases: readonly RequestCase[],
  policies: readonly JurisdictionPolicy[],
  now: number,
): readonly RequestCase[] {
  return cases
    .filter((c) => c.state === 'held_by_policy' && gateNow(c, policies, now).outcome === 'proceed')
    .sort((a, b) => a.receivedAt - b.receivedAt || a.reference.localeCompare(b.reference));
}
