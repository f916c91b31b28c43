import { toHex } from '../events/canonical.ts';
import type { DomainEventPublic, PolicyEventPublic, RequestEvent } from '../events/event-types.ts';
import { commitPrivate, sealCommitment } from './commitments.ts';
import type { EventLeaf, RevealLeaf, SealedLeaf } from './leaf-types.ts';

/** The leaf of a request event: its public part and commitments under the event's random 32-byte key. */
export function requestEventLeaf(event: RequestEvent, eventKey: Uint8Array): EventLeaf {
  return { leaf: 'event', event: event.public, commitments: commitPrivate(event.private, eventKey) };
}

export function policyEventLeaf(event: PolicyEventPublic): EventLeaf {
  return { leaf: 'event', event, commitments: null };
}

/** A seal for an event under a non-disclosure order; keep `nonce` and the leaf to reveal it later. */
export function sealedLeaf(leaf: EventLeaf, nonce: Uint8Array): SealedLeaf {
  return {
    leaf: 'sealed',
    chainId: leaf.event.chainId,
    seq: leaf.event.seq,
    isoWeek: leaf.event.isoWeek,
    produced: isProduction(leaf.event),
    commitment: sealCommitment(leaf, nonce),
  };
}

export function revealLeaf(sealedIndex: number, leaf: EventLeaf, nonce: Uint8Array): RevealLeaf {
  return { leaf: 'reveal', sealedIndex, nonce: toHex(nonce), event: leaf };
}

/** Whether an event is the production of data: what a sealed leaf states in public. */
export const isProduction = (event: DomainEventPublic) =>
  event.type === 'request' && event.kind === 'produced';
