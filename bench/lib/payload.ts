import { randomBytes } from 'node:crypto';

/** Size of an MLS PrivateMessage carrying a short text message, which is what the server stores per send. */
export const payloadBytes = 330;
const magic = 0x50524c59;
/** magic u32, scenario u32, sender u32, counter u32, intended send time f64 (ms since the epoch). */
const headerBytes = 24;
/** base64url characters that decode to exactly the header, so a receiver never decodes the random tail. */
const headerChars = (headerBytes / 3) * 4;

/** What a receiver learns from a payload: who sent it, its place in the sender's stream, and when. */
export type PayloadHeader = Readonly<{ scenario: number; sender: number; counter: number; sentAt: number }>;

/** Wall-clock milliseconds with sub-millisecond resolution; senders and receivers share one process clock. */
export const nowMs = (): number => performance.timeOrigin + performance.now();

/** Builds payloads for one sender: random bytes (incompressible, like ciphertext) with a readable header. */
export class PayloadWriter {
  readonly #buffer: Buffer;
  readonly #sender: number;

  /** `size` is at least the header; S8 uses 200 B, 2 KB and 64 KB. */
  constructor(sender: number, size = payloadBytes) {
    this.#buffer = randomBytes(Math.max(headerBytes, size));
    this.#sender = sender;
    this.#buffer.writeUInt32LE(magic, 0);
    this.#buffer.writeUInt32LE(sender, 8);
  }

  /** The base64url payload for one message; `sentAt` is when it was meant to leave, not when it did. */
  encode(scenario: number, counter: number, sentAt: number): string {
    this.#buffer.writeUInt32LE(scenario, 4);
    this.#buffer.writeUInt32LE(this.#sender, 8);
    this.#buffer.writeUInt32LE(counter, 12);
    this.#buffer.writeDoubleLE(sentAt, 16);
    return this.#buffer.toString('base64url');
  }
}

/** Reads the header of a generator payload; null for anything else (commits, welcomes, foreign bytes). */
export function decodeHeader(payload: string): PayloadHeader | null {
  if (payload.length < headerChars) return null;
  const header = Buffer.from(payload.slice(0, headerChars), 'base64url');
  if (header.length !== headerBytes || header.readUInt32LE(0) !== magic) return null;
  return {
    scenario: header.readUInt32LE(4),
    sender: header.readUInt32LE(8),
    counter: header.readUInt32LE(12),
    sentAt: header.readDoubleLE(16),
  };
}
