import type { ServerFrame } from '@parley/protocol';

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
      frame: string;
    }>
  | Readonly<{ t: 'frame'; frame: string }>
  | Readonly<{ t: 'joined'; groupId: string }>
  | Readonly<{ t: 'revoked' }>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeEnvelope(envelope: Envelope): Uint8Array {
  return encoder.encode(JSON.stringify(envelope));
}

/** Envelopes come only from Parley processes sharing the bus, so they are trusted after JSON parsing. */
export function decodeEnvelope(data: Uint8Array): Envelope {
  return JSON.parse(decoder.decode(data)) as Envelope;
}

export function serializeFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}
