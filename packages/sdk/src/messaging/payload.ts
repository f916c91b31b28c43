import { limits } from '@parley/protocol';
import { padmeLength } from './padme.ts';

/** The message a reply quotes: its conversation seq (the same for every member), author and opening words. */
export type ReplyRef = Readonly<{ seq: number; from: string; excerpt: string }>;

/**
 * What travels inside MLS application messages. Versioned JSON so clients can add kinds; the conversation's
 * name rides inside (`meta`) so the server never learns it. Every kind added after `text` carries a
 * `fallback` text, which a client that does not know the kind shows instead (`unsupported`); clients from
 * before this rule skip such a message. A field added to a known kind (a reply's `replyTo`) is ignored by
 * a client that does not know it, which still shows the text.
 */
export type AppPayload =
  | Readonly<{ v: 1; t: 'text'; body: string; sentAt: string; replyTo?: ReplyRef }>
  /** An emoji on the message with conversation seq `target`. */
  | Readonly<{ v: 1; t: 'reaction'; target: number; emoji: string; sentAt: string; fallback: string }>
  /** A kind this client does not know: what its sender wrote for clients like this one. */
  | Readonly<{ v: 1; t: 'unsupported'; kind: string; fallback: string; sentAt: string }>
  | Readonly<{ v: 1; t: 'meta'; name: string }>
  /** Between an account's own devices only: the contact keys it pinned and the marks its user left. */
  | Readonly<{ v: 1; t: 'trust'; entries: readonly TrustEntry[] }>;

/** One contact as a device of the account trusts it: the pinned account key, and when it was verified. */
export type TrustEntry = Readonly<{ username: string; accountKey: string; verifiedOn?: string }>;

function trustEntry(value: unknown): TrustEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const username: unknown = Reflect.get(value, 'username');
  const accountKey: unknown = Reflect.get(value, 'accountKey');
  const verifiedOn: unknown = Reflect.get(value, 'verifiedOn');
  if (typeof username !== 'string' || typeof accountKey !== 'string') return undefined;
  if (verifiedOn !== undefined && (typeof verifiedOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(verifiedOn)))
    return undefined;
  return verifiedOn === undefined ? { username, accountKey } : { username, accountKey, verifiedOn };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Every payload up to this size is padded to it: short messages all look alike. */
export const MIN_PADDED_PAYLOAD_BYTES = 256;
/** Padding never pushes a payload that fits past what the server accepts (with room for MLS framing). */
const MAX_PADDED_PAYLOAD_BYTES = limits.maxApplicationMessageBytes - 1024;
const SPACE = 0x20;

/**
 * JSON padded with trailing spaces to a Padmé bucket (at least MIN_PADDED_PAYLOAD_BYTES), so the ciphertext
 * length tells the server little about the message's. Trailing whitespace is valid JSON: payloads from
 * before padding, and clients that do not pad or strip it, decode alike.
 */
export function encodePayload(payload: AppPayload): Uint8Array {
  const json = encoder.encode(JSON.stringify(payload));
  const target = Math.max(
    json.length,
    Math.min(padmeLength(Math.max(json.length, MIN_PADDED_PAYLOAD_BYTES)), MAX_PADDED_PAYLOAD_BYTES),
  );
  const padded = new Uint8Array(target).fill(SPACE);
  padded.set(json);
  return padded;
}

/** Undefined for anything this client does not understand (a newer kind, or garbage): it is skipped. */
export function decodePayload(bytes: Uint8Array): AppPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Reflect.get(value, 'v') !== 1) return undefined;
  const t: unknown = Reflect.get(value, 't');
  const sentAt: unknown = Reflect.get(value, 'sentAt');
  if (t === 'text') {
    const body: unknown = Reflect.get(value, 'body');
    const replyTo = replyRef(Reflect.get(value, 'replyTo'));
    if (typeof body === 'string' && typeof sentAt === 'string')
      return replyTo ? { v: 1, t, body, sentAt, replyTo } : { v: 1, t, body, sentAt };
  }
  const fallback: unknown = Reflect.get(value, 'fallback');
  if (t === 'reaction') {
    const target: unknown = Reflect.get(value, 'target');
    const emoji: unknown = Reflect.get(value, 'emoji');
    if (isSeq(target) && isEmoji(emoji) && typeof sentAt === 'string' && typeof fallback === 'string')
      return { v: 1, t, target, emoji, sentAt, fallback };
  }
  if (t === 'meta') {
    const name: unknown = Reflect.get(value, 'name');
    if (typeof name === 'string') return { v: 1, t, name };
  }
  if (t === 'trust') {
    const raw: unknown = Reflect.get(value, 'entries');
    const entries = Array.isArray(raw) ? raw.map(trustEntry) : [];
    if (Array.isArray(raw) && entries.every((e) => e !== undefined)) return { v: 1, t, entries };
  }
  if (
    typeof t === 'string' &&
    !knownKinds.has(t) &&
    typeof fallback === 'string' &&
    typeof sentAt === 'string'
  )
    return { v: 1, t: 'unsupported', kind: t, fallback, sentAt };
  return undefined;
}

const knownKinds: ReadonlySet<string> = new Set(['text', 'meta', 'trust', 'reaction', 'unsupported']);

/** One emoji (a grapheme of up to a few code points), not free text. */
export function isEmoji(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 16 && /^\p{Extended_Pictographic}/u.test(value);
}

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function replyRef(value: unknown): ReplyRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const seq: unknown = Reflect.get(value, 'seq');
  const from: unknown = Reflect.get(value, 'from');
  const excerpt: unknown = Reflect.get(value, 'excerpt');
  return isSeq(seq) && typeof from === 'string' && typeof excerpt === 'string'
    ? { seq, from, excerpt }
    : undefined;
}
