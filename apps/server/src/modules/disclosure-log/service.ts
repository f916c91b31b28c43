import { randomBytes } from 'node:crypto';
import {
  decodeLeaf,
  encodeLeaf,
  type PolicyEventPublic,
  policyEventLeaf,
  type RequestCase,
  type RequestEvent,
  requestEventLeaf,
  revealLeaf,
  sealedLeaf,
  sealedUntil,
} from '@parley/governance';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import type { FeedListener } from '../gov-events/feed.ts';
import type { TransparencyLogService } from '../transparency-log/service.ts';
import { disclosureStore } from './store.ts';

/**
 * Publishes every governance event in the transparency log, in the transaction that records the event
 * (`docs/disclosure-log.md`): a leaf with the public part and keyed commitments to the private one, or a
 * seal while a non-disclosure order binds, revealed by `revealDue` once it lapses.
 */
export class DisclosureLog implements FeedListener {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #log: TransparencyLogService;

  constructor(db: Db, clock: Clock, log: TransparencyLogService) {
    this.#db = db;
    this.#clock = clock;
    this.#log = log;
  }

  async requestEvents(
    tx: Db,
    c: RequestCase,
    events: readonly Readonly<{ seq: number; event: RequestEvent }>[],
    at: Date,
  ): Promise<void> {
    const until = sealedUntil(c, at.getTime());
    for (const { seq, event } of events) {
      const eventKey = new Uint8Array(randomBytes(32));
      const leaf = requestEventLeaf(event, eventKey);
      const nonce = until === null ? null : new Uint8Array(randomBytes(32));
      const published = nonce === null ? leaf : sealedLeaf(leaf, nonce);
      const [ticket] = await this.#log.append([encodeLeaf(published)], tx);
      if (ticket === undefined) throw new Error('the log returned no ticket');
      await disclosureStore.insertLeaf(tx, {
        eventSeq: seq,
        logTicket: ticket,
        eventKey,
        leaf: encodeLeaf(leaf),
        sealedUntil: until === null ? null : new Date(until),
        sealNonce: nonce,
      });
    }
  }

  async policyEvent(tx: Db, seq: number, event: PolicyEventPublic): Promise<void> {
    const leaf = encodeLeaf(policyEventLeaf(event));
    const [ticket] = await this.#log.append([leaf], tx);
    if (ticket === undefined) throw new Error('the log returned no ticket');
    await disclosureStore.insertLeaf(tx, {
      eventSeq: seq,
      logTicket: ticket,
      eventKey: null,
      leaf,
      sealedUntil: null,
      sealNonce: null,
    });
  }

  /**
   * Reveals every seal whose order has lapsed. A seal not yet integrated into the tree has no index to
   * name and waits for the next sweep. Returns how many were revealed.
   */
  async revealDue(): Promise<number> {
    const now = this.#clock.now();
    let revealed = 0;
    for (const row of await disclosureStore.dueSeals(this.#db, now, 1000)) {
      const located = await this.#log.locate(row.log_ticket);
      const nonce = row.seal_nonce;
      const leaf = decodeLeaf(row.leaf);
      if (located === undefined || nonce === null || leaf.leaf !== 'event') continue;
      await this.#db.transaction().execute(async (tx) => {
        const reveal = revealLeaf(located.index, leaf, nonce);
        const [ticket] = await this.#log.append([encodeLeaf(reveal)], tx);
        if (ticket === undefined) throw new Error('the log returned no ticket');
        await disclosureStore.insertReveal(tx, row.event_seq, ticket, now);
      });
      revealed += 1;
    }
    return revealed;
  }

  /** The feed position of a request event, by its chain position (the production gate links to it). */
  eventSeq(db: Db, chainId: string, chainSeq: number): Promise<number | undefined> {
    return disclosureStore.eventSeq(db, chainId, chainSeq);
  }

  /**
   * Where a governance event's leaf stands in the public log (its seal, for a sealed event: the seal is
   * what proves it was logged on time) and whether a signed checkpoint covers it yet.
   */
  async publication(db: Db, eventSeq: number): Promise<Readonly<{ index: number; covered: boolean }> | null> {
    const row = await disclosureStore.ticketOf(db, eventSeq);
    if (row === undefined) return null;
    const located = await this.#log.locate(row.log_ticket, db);
    return located === undefined ? null : { index: located.index, covered: located.covered };
  }
}
