import { defaultHasher, type Hasher } from '@parley/merkle-log';
import type { DomainEventPublic } from './event-types.ts';

/** Domain separation: these bytes can never be confused with another Parley structure. */
export const EVENT_ENCODING_TAG = 'parley-event/v1\n';

export type Canonical =
  | string
  | number
  | boolean
  | null
  | readonly Canonical[]
  | { readonly [key: string]: Canonical };

function isList(value: Canonical): value is readonly Canonical[] {
  return Array.isArray(value);
}

function write(value: Canonical): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    // Only safe integers: JSON number formatting for fractions differs between languages.
    if (!Number.isSafeInteger(value))
      throw new RangeError(`canonical encoding allows integers only, got ${value}`);
    return String(value);
  }
  if (isList(value)) return `[${value.map(write).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${write(value[k] ?? null)}`).join(',')}}`;
}

/** Canonical JSON text (the same JCS subset as events): shared by disclosure-log leaves and commitments. */
export function canonicalJson(value: Canonical): string {
  return write(value);
}

/**
 * The canonical bytes of an event's public part: the tag, then JSON with keys sorted by UTF-16 code unit,
 * no whitespace, integers only (the JCS / RFC 8785 subset), UTF-8. Same event → same bytes, in any language.
 */
const utf8 = new TextEncoder();

export function encodePublicEvent(event: DomainEventPublic): Uint8Array {
  return utf8.encode(EVENT_ENCODING_TAG + write(event));
}

/** Lower-case hex of the RFC 9162 leaf hash of the encoding: the value the next event's `prev` carries. */
export function publicEventHash(event: DomainEventPublic, hasher: Hasher = defaultHasher): string {
  return toHex(hasher.hashLeaf(encodePublicEvent(event)));
}

const hexDigits = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += hexDigits[b];
  return out;
}
