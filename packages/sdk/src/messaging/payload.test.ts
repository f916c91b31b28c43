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
