import { policyEventLeaf, requestEventLeaf } from '../src/disclosure/leaf-builders.ts';
import type { DisclosureLeaf } from '../src/disclosure/leaf-types.ts';
import type { ChainHead } from '../src/events/event-types.ts';
import { newChain, policyChangedEvent } from '../src/events/request-events.ts';
import type { JurisdictionPolicy } from '../src/policy/policy-types.ts';
import { agencies, day, hkPaused, policy, receive } from './fixtures.ts';

/** A fixed commitment key, so leaves are reproducible. */
export const key = new Uint8Array(32).fill(1);

/** Policy versions of Hong Kong, each logged at the time given. */
export function hongKongPolicies(
  versions: readonly (readonly [JurisdictionPolicy, number])[],
): DisclosureLeaf[] {
  let chain: ChainHead = newChain('policy:HK');
  return versions.map(([p, at]) => {
    const e = policyChangedEvent(p, chain, at);
    chain = e.chain;
    return policyEventLeaf(e.event);
  });
}

/** Hong Kong's policy history and two Hong Kong police requests held by the pause, as log leaves. */
export function hongKongLeaves(pause = hkPaused()): DisclosureLeaf[] {
  const leaves = hongKongPolicies([
    [policy('HK'), day('2019-01-01')],
    [pause, day('2020-07-06')],
  ]);
  for (const now of [day('2020-09-01'), day('2020-10-01')]) {
    const r = receive(agencies.hkPolice, {}, { now });
    leaves.push(...r.events.map((e) => requestEventLeaf(e, key)));
  }
  return leaves;
}
