import { createHash } from 'node:crypto';

/** The `prev_hash` of the first audit event. */
export const GENESIS: Uint8Array = new Uint8Array(32);

export type AuditFields = Readonly<{ seq: number; at: Date; actor: string; action: string; object: string }>;

/**
 * SHA-256 over the previous hash and the event's fields as a JSON array (unambiguous: no field can run into
 * the next). Changing, dropping or reordering a past event changes every later hash.
 */
export function auditHash(prev: Uint8Array, e: AuditFields): Uint8Array {
  const body = JSON.stringify([e.seq, e.at.toISOString(), e.actor, e.action, e.object]);
  return new Uint8Array(createHash('sha256').update(prev).update(body, 'utf8').digest());
}

export type ChainRow = AuditFields & Readonly<{ prevHash: Uint8Array; hash: Uint8Array }>;

export type ChainCheck = Readonly<{ ok: boolean; checked: number; firstBrokenSeq: number | null }>;

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Walks the chain in order and names the first event whose link, hash or position does not hold. */
export function checkChain(rows: readonly ChainRow[]): ChainCheck {
  let prev = GENESIS;
  let expectedSeq = 1;
  for (const [i, row] of rows.entries()) {
    const broken =
      row.seq !== expectedSeq || !equal(row.prevHash, prev) || !equal(row.hash, auditHash(prev, row));
    if (broken) return { ok: false, checked: i, firstBrokenSeq: row.seq };
    prev = row.hash;
    expectedSeq = row.seq + 1;
  }
  return { ok: true, checked: rows.length, firstBrokenSeq: null };
}
