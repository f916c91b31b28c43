import type { ServerFrame } from '@parley/protocol';

/**
 * A serialized server frame: JSON text, as a string or as its UTF-8 bytes. Bytes go to every socket as they
 * are (a text frame), so a frame fanned out to many connections is encoded once, not once per connection.
 */
export type Frame = string | Uint8Array;

/**
 * What travels over the fan-out bus. `frame` is the serialized server frame, encoded once by the process
 * that stored the message and sent as-is to every connection (serialize once, send many).
 */
export type Envelope =
  | Readonly<{
      t: 'message';
      groupId: string;
      seq: number;
      /** Devices a welcome is for; null for every member. */
      audience: readonly string[] | null;
      /** The connection that sent it, which must not receive it back. */
      exclude: string | null;
      adds: readonly string[];
      removes: readonly string[];
      frame: Frame;
    }>
  | Readonly<{ t: 'frame'; frame: Frame }>
  | Readonly<{ t: 'joined'; groupId: string }>
  | Readonly<{ t: 'revoked' }>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const newline = 0x0a;

/**
 * On the bus an envelope is its routing fields as one line of JSON, then the frame's bytes untouched: the
 * frame (ciphertext in base64url, up to hundreds of kilobytes) is neither escaped into the JSON nor parsed
 * back out of it. JSON.stringify never writes a raw newline, so the first one ends the header.
 */
export function encodeEnvelope(envelope: Envelope): Uint8Array {
  if (!('frame' in envelope)) return encoder.encode(JSON.stringify(envelope));
  const { frame, ...header } = envelope;
  const head = `${JSON.stringify(header)}\n`;
  if (typeof frame === 'string') return encoder.encode(head + frame);
  const bytes = new Uint8Array(Buffer.byteLength(head) + frame.byteLength);
  const { written } = encoder.encodeInto(head, bytes);
  bytes.set(frame, written);
  return bytes;
}

/**
 * Envelopes come only from Parley processes sharing the bus, so they are trusted after JSON parsing. The
 * frame is copied out once (a NATS payload is a view into a socket read) and then shared by every connection.
 */
export function decodeEnvelope(data: Uint8Array): Envelope {
  const cut = data.indexOf(newline);
  if (cut < 0) return JSON.parse(decoder.decode(data)) as Envelope;
  const header = JSON.parse(decoder.decode(data.subarray(0, cut))) as Record<string, unknown>;
  return { ...header, frame: data.slice(cut + 1) } as Envelope;
}

export function serializeFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}
