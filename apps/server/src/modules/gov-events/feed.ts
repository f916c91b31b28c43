import {
  type ChainHead,
  encodePublicEvent,
  type JurisdictionPolicy,
  type PolicyEventPublic,
  policyChangedEvent,
  publicEventHash,
  type RequestCase,
  type RequestEvent,
} from '@parley/governance';
import type { Db } from '../../db/database.ts';
import { eventStore } from './store.ts';

/**
 * Told of each event inside the transaction that records it, with its feed position: the disclosure log
 * appends its leaf there, so an event is never recorded without being published (or sealed).
 */
export interface FeedListener {
  requestEvents(
    tx: Db,
    c: RequestCase,
    events: readonly Readonly<{ seq: number; event: RequestEvent }>[],
    at: Date,
  ): Promise<void>;
  policyEvent(tx: Db, seq: number, event: PolicyEventPublic, at: Date): Promise<void>;
}

/** What the event's recorder hands the feed so its listener sees the case the events belong to. */
export type FeedObserver = Readonly<{ listener: FeedListener; case: RequestCase }>;

/**
 * The governance event feed: every domain event, in the transaction that caused it, as the canonical bytes
 * of its public part (what the transparency log will publish) with the private part stored apart. The feed
 * is append-only and ordered by commit, so the log's consumer can follow it with a cursor.
 */
export const eventFeed = {
  async appendRequestEvents(
    tx: Db,
    reference: string,
    stateAfter: string,
    events: readonly RequestEvent[],
    at: Date,
    observer?: FeedObserver,
  ): Promise<void> {
    const recorded: { seq: number; event: RequestEvent }[] = [];
    for (const e of events) {
      const seq = await eventStore.insert(
        tx,
        {
          stream: 'request',
          chainId: e.public.chainId,
          chainSeq: e.public.seq,
          kind: e.public.kind,
          publicBytes: encodePublicEvent(e.public),
          leafHash: publicEventHash(e.public),
        },
        at,
      );
      await eventStore.insertPrivate(tx, seq, reference, stateAfter, JSON.stringify(e.private));
      recorded.push({ seq, event: e });
    }
    await observer?.listener.requestEvents(tx, observer.case, recorded, at);
  },

  /** Policy changes chain per jurisdiction (`policy:HK`) and are public in full. */
  async appendPolicyChange(
    tx: Db,
    policy: JurisdictionPolicy,
    at: Date,
    listener?: FeedListener,
  ): Promise<PolicyEventPublic> {
    const chainId = `policy:${policy.jurisdiction}`;
    const head = await eventStore.chainHead(tx, chainId);
    const chain: ChainHead = head
      ? { chainId, seq: head.chain_seq + 1, prev: head.leaf_hash }
      : { chainId, seq: 0, prev: '' };
    const { event } = policyChangedEvent(policy, chain, at.getTime());
    const seq = await eventStore.insert(
      tx,
      {
        stream: 'policy',
        chainId,
        chainSeq: event.seq,
        kind: event.kind,
        publicBytes: encodePublicEvent(event),
        leafHash: publicEventHash(event),
      },
      at,
    );
    await listener?.policyEvent(tx, seq, event, at);
    return event;
  },
};
