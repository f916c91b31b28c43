import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from './payload.ts';

describe('application payloads', () => {
  it('round-trips text and meta payloads', () => {
    const text = { v: 1, t: 'text', body: 'hi', sentAt: '2026-11-28T10:00:00.000Z' } as const;
    expect(decodePayload(encodePayload(text))).toEqual(text);
    expect(decodePayload(encodePayload({ v: 1, t: 'meta', name: 'room' }))).toEqual({
      v: 1,
      t: 'meta',
      name: 'room',
    });
  });

  it('skips unknown versions, kinds, wrong field types and invalid UTF-8', () => {
    const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    expect(decodePayload(enc({ v: 2, t: 'text', body: 'x', sentAt: 'y' }))).toBeUndefined();
    expect(decodePayload(enc({ v: 1, t: 'poll', body: 'x' }))).toBeUndefined();
    expect(decodePayload(enc({ v: 1, t: 'text', body: 3, sentAt: 'y' }))).toBeUndefined();
    expect(decodePayload(Uint8Array.of(0xff, 0xfe))).toBeUndefined();
  });
});

describe('payload padding', () => {
  const text = (body: string) => ({ v: 1, t: 'text', body, sentAt: '2026-11-28T10:00:00.000Z' }) as const;

  it('round-trips replies and reactions, and refuses a reaction that is not an emoji', () => {
    const sentAt = '2026-12-07T10:00:00.000Z';
    const reply = {
      v: 1,
      t: 'text',
      body: 'yes',
      sentAt,
      replyTo: { seq: 4, from: 'ana', excerpt: 'lunch?' },
    } as const;
    expect(decodePayload(encodePayload(reply))).toEqual(reply);
    const reaction = { v: 1, t: 'reaction', target: 4, emoji: '👍', sentAt, fallback: 'reacted 👍' } as const;
    expect(decodePayload(encodePayload(reaction))).toEqual(reaction);
    const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    expect(decodePayload(enc({ ...reaction, emoji: 'free text' }))).toBeUndefined();
    expect(decodePayload(enc({ ...reaction, target: 0 }))).toBeUndefined();
    // A reply whose quote is malformed still shows its text: the quote is what an older client ignores too.
    expect(decodePayload(enc({ ...reply, replyTo: { seq: 'x' } }))).toEqual({
      v: 1,
      t: 'text',
      body: 'yes',
      sentAt,
    });
  });

  it('shows a kind it does not know by the fallback its sender wrote, and skips one without', () => {
    const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    const sentAt = '2026-12-07T10:00:00.000Z';
    expect(
      decodePayload(enc({ v: 1, t: 'poll', question: 'when?', fallback: 'a poll: when?', sentAt })),
    ).toEqual({
      v: 1,
      t: 'unsupported',
      kind: 'poll',
      fallback: 'a poll: when?',
      sentAt,
    });
  });

  it('pads every short payload to 256 bytes and longer ones to their Padmé bucket', () => {
    expect(encodePayload(text('')).length).toBe(256);
    expect(encodePayload(text('x'.repeat(150))).length).toBe(256);
    // 1000 and 1010 characters of text are one size on the wire; 1100 is the next bucket.
    const [a, b, c] = [1000, 1010, 1100].map((n) => encodePayload(text('x'.repeat(n))).length);
    expect(a).toBe(1088);
    expect(b).toBe(a);
    expect(c).toBe(1216);
  });

  it('decodes padded payloads and those sent before padding, byte for byte the same message', () => {
    const message = text('meet at noon');
    const padded = encodePayload(message);
    expect(decodePayload(padded)).toEqual(message);
    expect(decodePayload(new TextEncoder().encode(JSON.stringify(message)))).toEqual(message);
    // Padding is JSON whitespace, so a client that does not know about it still reads the message.
    expect(JSON.parse(new TextDecoder().decode(padded))).toEqual(message);
  });

  it('never pads a payload past what the server accepts', () => {
    const near = encodePayload(text('x'.repeat(63_000)));
    expect(near.length).toBeLessThanOrEqual(63 * 1024);
    expect(decodePayload(near)).toEqual(text('x'.repeat(63_000)));
  });
});
