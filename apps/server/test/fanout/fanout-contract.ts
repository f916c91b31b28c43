import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Fanout,
  FanoutClosedError,
  type FanoutErrorHandler,
  FanoutPayloadTooLargeError,
  InvalidTopicError,
  maxFanoutPayloadBytes,
} from '../../src/fanout/index.ts';
import { collector, readU32, u32 } from './collector.ts';

/** Given to `makePair` so the suite can observe errors the adapters must report instead of throwing. */
export type ContractHooks = Readonly<{ onError: FanoutErrorHandler }>;

/**
 * The behaviour every `Fanout` adapter must have. `makePair` returns two "server processes" sharing one
 * bus, both reporting errors to `hooks.onError`; every test gets a fresh pair, so topics never leak.
 */
export function fanoutContract(name: string, makePair: (hooks: ContractHooks) => Promise<[Fanout, Fanout]>) {
  describe(`${name} fan-out contract`, () => {
    let a: Fanout;
    let b: Fanout;
    let errors: Array<Readonly<{ error: unknown; topic: string | undefined }>>;
    // Only what `makePair` returned, so a failed connect reports one clear error, not a second from teardown.
    const open: Fanout[] = [];
    let counter = 0;
    const topic = () => `g.contract-${++counter}`;

    /** Resolves once everything `publisher` published before reaches `subscriber`. */
    async function fence(publisher: Fanout, subscriber: Fanout): Promise<void> {
      const marker = topic();
      const seen = collector();
      const subscription = await subscriber.subscribe(marker, seen.handler);
      publisher.publish(marker, new Uint8Array([1]));
      await seen.until(1);
      subscription.unsubscribe();
    }

    beforeEach(async () => {
      errors = [];
      [a, b] = await makePair({ onError: (error, errorTopic) => errors.push({ error, topic: errorTopic }) });
      open.push(a, b);
    });

    afterEach(async () => {
      await Promise.all(open.splice(0).map((fanout) => fanout[Symbol.asyncDispose]()));
    });

    it('delivers a publication to subscribers in both processes, once each', async () => {
      const t = topic();
      const inA = collector();
      const inB = collector();
      await a.subscribe(t, inA.handler);
      await b.subscribe(t, inB.handler);
      a.publish(t, u32(1));
      await Promise.all([inA.until(1), inB.until(1)]);
      b.publish(t, u32(2));
      await Promise.all([inA.until(2), inB.until(2)]);
      await fence(a, b);
      await fence(b, a);
      expect(inA.received.map((m) => readU32(m))).toEqual([1, 2]);
      expect(inB.received.map((m) => readU32(m))).toEqual([1, 2]);
    });

    it('delivers what another process publishes right after subscribe resolves', async () => {
      for (let i = 0; i < 20; i++) {
        const t = topic();
        const inB = collector();
        await b.subscribe(t, inB.handler);
        a.publish(t, u32(i));
        await inB.until(1);
      }
    });

    it('keeps each publisher’s order over 10,000 messages', async () => {
      const t = topic();
      const inA = collector();
      const inB = collector();
      await a.subscribe(t, inA.handler);
      await b.subscribe(t, inB.handler);
      const count = 10_000;
      for (let i = 0; i < count; i++) {
        a.publish(t, u32(i, [0]));
        b.publish(t, u32(i, [1]));
      }
      await Promise.all([inA.until(2 * count), inB.until(2 * count)]);
      for (const inbox of [inA, inB]) {
        for (const publisher of [0, 1]) {
          const sequence = inbox.received.filter((m) => m[0] === publisher).map((m) => readU32(m, 1));
          expect(sequence).toEqual(Array.from({ length: count }, (_, i) => i));
        }
      }
    });

    it('stops delivery to an unsubscribed handler and resumes after subscribing again', async () => {
      const t = topic();
      const gone = collector();
      const stays = collector();
      const subscription = await b.subscribe(t, gone.handler);
      await b.subscribe(t, stays.handler);
      subscription.unsubscribe();
      subscription.unsubscribe();
      a.publish(t, u32(1));
      await stays.until(1);

      const last = topic();
      const removed = collector();
      (await b.subscribe(last, removed.handler)).unsubscribe();
      a.publish(last, u32(2));
      await fence(a, b);
      expect(gone.received).toEqual([]);
      expect(removed.received).toEqual([]);

      await b.subscribe(last, removed.handler);
      a.publish(last, u32(3));
      await removed.until(1);
      expect(readU32(removed.received[0] ?? new Uint8Array(4))).toBe(3);
    });

    it('calls a handler subscribed twice only once per message', async () => {
      const t = topic();
      const inbox = collector();
      await b.subscribe(t, inbox.handler);
      await b.subscribe(t, inbox.handler);
      a.publish(t, u32(1));
      await inbox.until(1);
      await fence(a, b);
      expect(inbox.received).toHaveLength(1);
    });

    it('reports a throwing handler and still delivers to the others', async () => {
      const t = topic();
      const failure = new Error('handler failed');
      const before = collector();
      const after = collector();
      const local = collector();
      await b.subscribe(t, before.handler);
      await b.subscribe(t, () => {
        throw failure;
      });
      await b.subscribe(t, after.handler);
      await a.subscribe(t, local.handler);
      expect(() => a.publish(t, u32(1))).not.toThrow();
      a.publish(t, u32(2));
      await Promise.all([before.until(2), after.until(2), local.until(2)]);
      expect(after.received.map((m) => readU32(m))).toEqual([1, 2]);
      expect(errors).toEqual([
        { error: failure, topic: t },
        { error: failure, topic: t },
      ]);
    });

    it('carries binary payloads up to 1 MiB byte-exact and refuses larger ones', async () => {
      const t = topic();
      const inbox = collector();
      await b.subscribe(t, inbox.handler);
      const sizes = [0, 1, 255, 65_536, maxFanoutPayloadBytes - 1, maxFanoutPayloadBytes];
      const sent = sizes.map((size) => new Uint8Array(randomBytes(size)));
      for (const payload of sent) {
        const reused = payload.slice();
        a.publish(t, reused);
        reused.fill(0); // a publisher reusing its buffer must not change what was sent
      }
      await inbox.until(sent.length);
      expect(inbox.received.map((m) => m.byteLength)).toEqual(sizes);
      sent.forEach((payload, i) => {
        expect(Buffer.from(inbox.received[i] ?? []).equals(payload)).toBe(true);
      });
      expect(() => a.publish(t, new Uint8Array(maxFanoutPayloadBytes + 1))).toThrow(
        FanoutPayloadTooLargeError,
      );
    });

    it('serves 1,000 topics, each handler getting only its own', async () => {
      const names = Array.from({ length: 1_000 }, () => topic());
      const inboxes = names.map(() => collector());
      await Promise.all(names.map((t, i) => b.subscribe(t, inboxes[i]?.handler ?? (() => {}))));
      names.forEach((t, i) => {
        a.publish(t, u32(i));
      });
      await Promise.all(inboxes.map((inbox) => inbox.until(1)));
      await fence(a, b);
      inboxes.forEach((inbox, i) => {
        expect(inbox.received.map((m) => readU32(m))).toEqual([i]);
      });
    });

    it('rejects topics that are not plain dot-separated tokens', async () => {
      for (const bad of ['', 'g.*', 'g.>', '>', 'g. x', 'g..x', '.g', 'g.', 'g/x']) {
        expect(() => a.publish(bad, u32(0))).toThrow(InvalidTopicError);
        await expect(a.subscribe(bad, () => {})).rejects.toThrow(InvalidTopicError);
      }
    });

    it('delivers publications made before dispose, then closes idempotently', async () => {
      const t = topic();
      const inB = collector();
      await b.subscribe(t, inB.handler);
      for (let i = 0; i < 5; i++) a.publish(t, u32(i));
      await Promise.all([a[Symbol.asyncDispose](), a[Symbol.asyncDispose]()]);
      await a[Symbol.asyncDispose]();
      await inB.until(5);
      expect(inB.received.map((m) => readU32(m))).toEqual([0, 1, 2, 3, 4]);

      expect(() => a.publish(t, u32(9))).not.toThrow();
      await expect(a.subscribe(t, () => {})).rejects.toThrow(FanoutClosedError);
      b.publish(t, u32(10));
      await inB.until(6);
      expect(errors).toEqual([]);
    });

    it('stops calling the handlers of a disposed process', async () => {
      const t = topic();
      const inA = collector();
      const inB = collector();
      await a.subscribe(t, inA.handler);
      await b.subscribe(t, inB.handler);
      await a[Symbol.asyncDispose]();
      b.publish(t, u32(1));
      await inB.until(1);
      await fence(b, b);
      expect(inA.received).toEqual([]);
    });
  });
}
