import { describe, expect, it } from 'vitest';
import { decodeEnvelope, type Envelope, encodeEnvelope } from './envelope.ts';

const text = (frame: string | Uint8Array) =>
  typeof frame === 'string' ? frame : new TextDecoder().decode(frame);

describe('fan-out envelope', () => {
  const message: Envelope = {
    t: 'message',
    groupId: 'g1',
    seq: 7,
    audience: ['d2'],
    exclude: 'd1',
    adds: [],
    removes: ['d3'],
    frame: '{"type":"message","message":{"payload":"a\\nb"}}',
  };

  it('carries the routing fields and the frame byte for byte, whether the frame is text or bytes', () => {
    for (const frame of [message.frame as string, new TextEncoder().encode('{"x":"line\nbreak ✓"}')]) {
      const decoded = decodeEnvelope(encodeEnvelope({ ...message, frame } as Envelope));
      const { frame: got, ...header } = decoded as Extract<Envelope, { t: 'message' }>;
      const { frame: _, ...expected } = message;
      expect(header).toEqual(expected);
      expect(text(got)).toBe(text(frame));
    }
  });

  it('does not JSON-escape the frame into the header', () => {
    const bytes = encodeEnvelope(message);
    const wire = new TextDecoder().decode(bytes);
    expect(wire.endsWith(`\n${message.frame as string}`)).toBe(true);
    expect(wire.indexOf('\n')).toBe(wire.length - (message.frame as string).length - 1);
  });

  it('round-trips envelopes without a frame, and reads one whose frame is inside the JSON', () => {
    expect(decodeEnvelope(encodeEnvelope({ t: 'joined', groupId: 'g1' }))).toEqual({
      t: 'joined',
      groupId: 'g1',
    });
    expect(decodeEnvelope(encodeEnvelope({ t: 'revoked' }))).toEqual({ t: 'revoked' });
    const inline = new TextEncoder().encode(JSON.stringify({ t: 'frame', frame: '{"type":"notice"}' }));
    expect(decodeEnvelope(inline)).toEqual({ t: 'frame', frame: '{"type":"notice"}' });
  });

  it('gives the frame its own bytes, so a reused receive buffer cannot change it', () => {
    const data = encodeEnvelope({ t: 'frame', frame: '{"type":"notice","id":"n1"}' });
    const decoded = decodeEnvelope(data) as Extract<Envelope, { t: 'frame' }>;
    data.fill(0);
    expect(text(decoded.frame)).toBe('{"type":"notice","id":"n1"}');
  });
});
