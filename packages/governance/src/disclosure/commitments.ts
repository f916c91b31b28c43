import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson, toHex } from '../events/canonical.ts';
import type { RequestEventPrivate } from '../events/event-types.ts';
import { encodeLeaf } from './leaf-codec.ts';
import type { CommittedField, EventLeaf, FieldCommitments, FieldOpening } from './leaf-types.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-f]{2})*$/.test(hex)) throw new RangeError('expected lower-case hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Each field gets its own key derived from the event's random key, so opening one field (say, the agency for
 * a court) gives nothing that helps guess another (a target's username).
 */
export function fieldKey(eventKey: Uint8Array, field: CommittedField): Uint8Array {
  return hmac(sha256, eventKey, utf8(`parley-commit-key/v1\n${field}`));
}

function commitment(key: Uint8Array, field: CommittedField, value: string | readonly string[]): string {
  return toHex(hmac(sha256, key, utf8(`parley-commit/v1\n${field}\n${canonicalJson(value)}`)));
}

function privateValue(priv: RequestEventPrivate, field: CommittedField): string | readonly string[] {
  switch (field) {
    case 'agency':
      return priv.agencyId;
    case 'caseReference':
      return priv.caseReference;
    case 'targets':
      return priv.targets;
    case 'documentSha256':
      return priv.documentSha256;
  }
}

/** HMAC-SHA-256 commitments to every private field under a 32-byte random per-event key. */
export function commitPrivate(priv: RequestEventPrivate, eventKey: Uint8Array): FieldCommitments {
  if (eventKey.length !== 32) throw new RangeError('the event key must be 32 random bytes');
  const c = (f: CommittedField) => commitment(fieldKey(eventKey, f), f, privateValue(priv, f));
  return {
    agency: c('agency'),
    caseReference: c('caseReference'),
    targets: c('targets'),
    documentSha256: c('documentSha256'),
  };
}

/** The opening of one field, to hand to whoever is entitled to it (a court, an auditor, the member). */
export function openField(
  priv: RequestEventPrivate,
  eventKey: Uint8Array,
  field: CommittedField,
): FieldOpening {
  return { field, key: toHex(fieldKey(eventKey, field)), value: privateValue(priv, field) };
}

/** Whether an opening matches the commitment the leaf published for that field. */
export function verifyOpening(leaf: EventLeaf, opening: FieldOpening): boolean {
  const published = leaf.commitments?.[opening.field];
  if (published === undefined) return false;
  return commitment(fromHex(opening.key), opening.field, opening.value) === published;
}

/** SHA-256 over a tag, a 32-byte random nonce and the full event leaf: what a sealed leaf publishes. */
export function sealCommitment(leaf: EventLeaf, nonce: Uint8Array): string {
  const body = encodeLeaf(leaf);
  const tag = utf8('parley-seal/v1\n');
  const input = new Uint8Array(tag.length + nonce.length + body.length);
  input.set(tag, 0);
  input.set(nonce, tag.length);
  input.set(body, tag.length + nonce.length);
  return toHex(sha256(input));
}
