import { encodeKeyRotation, generateEd25519Keys } from '@parley/merkle-log';
import { describe, expect, it } from 'vitest';
import { agencies, day, hkPaused, receive } from '../../test/fixtures.ts';
import { publicEventHash } from '../events/canonical.ts';
import type { RequestEvent } from '../events/event-types.ts';
import { newChain, nextRequestEvent, policyChangedEvent } from '../events/request-events.ts';
import { openField, verifyOpening } from './commitments.ts';
import { policyEventLeaf, requestEventLeaf, revealLeaf, sealedLeaf } from './leaf-builders.ts';
import { decodeLeaf, encodeLeaf } from './leaf-codec.ts';
import { readEntry } from './leaf-reading.ts';
import { analyseLog } from './log-analysis.ts';

const key = (n: number) => new Uint8Array(32).fill(n);

/** A request's chain of three events: received, then two more through the domain's event builder. */
function chain(): RequestEvent[] {
  const r = receive(agencies.usFbi, { targets: [{ username: 'alice' }] }, { now: day('2026-04-02') });
  const events = [...r.events];
  for (const kind of ['triaged', 'withdrawn'] as const) {
    const last = events[events.length - 1];
    if (last === undefined) throw new Error('no event');
    const head = {
      chainId: last.public.chainId,
      seq: last.public.seq + 1,
      prev: publicEventHash(last.public),
    };
    events.push(nextRequestEvent(r.case, head, kind, day('2026-04-03')).event);
  }
  return events;
}

describe('disclosure-log leaves', () => {
  const events = chain();
  const leaves = events.map((e, i) => requestEventLeaf(e, key(i)));

  it('encodes canonically, decodes to the same leaf, and never carries a private value', () => {
    const first = leaves[0];
    if (first === undefined) throw new Error('no leaf');
    const bytes = encodeLeaf(first);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('parley-leaf/v1\n{"commitments":{"agency":"')).toBe(true);
    for (const secret of ['ag-fbi', 'alice', 'a'.repeat(64)]) expect(text).not.toContain(secret);
    expect(decodeLeaf(bytes)).toEqual(first);
    const spaced = new TextEncoder().encode(text.replace('{"commitments"', '{ "commitments"'));
    expect(() => decodeLeaf(spaced)).toThrow('not in canonical form');
  });

  it('opens one committed field at a time', () => {
    const [event, leaf] = [events[0], leaves[0]];
    if (event === undefined || leaf === undefined) throw new Error('no event');
    const opening = openField(event.private, key(0), 'targets');
    expect(opening.value).toEqual(['alice']);
    expect(verifyOpening(leaf, opening)).toBe(true);
    expect(verifyOpening(leaf, { ...opening, value: ['bob'] })).toBe(false);
    expect(verifyOpening(leaf, { ...opening, field: 'agency' })).toBe(false);
  });

  it('passes over a log-key rotation entry inside a chain: no problem, no event, no report', () => {
    const { vkey } = generateEd25519Keys('next.parley.example/log');
    const rotation = encodeKeyRotation({ origin: 'next.parley.example/log', vkey });
    const [first, ...rest] = leaves.map(encodeLeaf);
    const analysis = analyseLog([...(first ? [first] : []), rotation, ...rest]);
    expect(analysis.problems).toEqual([]);
    expect(analysis.events.map((e) => e.kind)).toEqual(['received', 'triaged', 'withdrawn']);
    expect(analysis.reports).toEqual([]);
    expect(readEntry(rotation)).toEqual({ kind: 'other' });
  });

  it('accepts a complete chain and names a dropped or reordered leaf', () => {
    const bytes = leaves.map(encodeLeaf);
    const ok = analyseLog(bytes);
    expect(ok.problems).toEqual([]);
    expect(ok.events.map((e) => e.kind)).toEqual(['received', 'triaged', 'withdrawn']);
    const chainId = events[0]?.public.chainId;
    const dropped = analyseLog([bytes[0], bytes[2]].flatMap((b) => (b ? [b] : [])));
    expect(dropped.problems).toEqual([`chain ${chainId}: event seq 1 is missing (seq 2 is at entry 1)`]);
    const swapped = analyseLog([bytes[0], bytes[2], bytes[1]].flatMap((b) => (b ? [b] : [])));
    expect(swapped.problems).toEqual([`chain ${chainId}: seq 2 at entry 1 precedes seq 1 at entry 2`]);
  });

  it('holds a sealed event in its chain and checks its reveal', () => {
    const nonce = key(9);
    const [l0, l1, l2] = leaves;
    if (l0 === undefined || l1 === undefined || l2 === undefined) throw new Error('no leaf');
    const sealed = [l0, sealedLeaf(l1, nonce), l2].map(encodeLeaf);
    const pending = analyseLog(sealed);
    expect(pending.problems).toEqual([]);
    expect(pending.pendingSeals).toBe(1);
    expect(pending.events.map((e) => e.kind)).toEqual(['received', 'withdrawn']);
    const revealed = analyseLog([...sealed, encodeLeaf(revealLeaf(1, l1, nonce))]);
    expect(revealed.problems).toEqual([]);
    expect(revealed.pendingSeals).toBe(0);
    expect(revealed.events.map((e) => e.kind)).toEqual(['received', 'triaged', 'withdrawn']);
    const forged = analyseLog([...sealed, encodeLeaf(revealLeaf(1, l1, key(8)))]);
    expect(forged.problems).toEqual(['entry 3: the reveal does not open seal 1']);
  });

  it('hashes each event for its chain link exactly as the writer did', () => {
    const policy = policyChangedEvent(hkPaused(), newChain('policy:HK'), day('2020-07-06')).event;
    const tricky = { ...policy, statement: 'Quotes ","event":" and ünïcödé must not confuse the reader' };
    for (const leaf of [...leaves, policyEventLeaf(tricky)]) {
      const read = readEntry(encodeLeaf(leaf));
      expect(read).toMatchObject({ kind: 'leaf', eventHash: publicEventHash(leaf.event) });
    }
  });

  it('passes over entries that are not disclosure leaves', () => {
    expect(analyseLog([new TextEncoder().encode('hello')]).problems).toEqual([]);
  });
});
