import { ByteReader, ByteWriter } from './byte-codec.ts';
import { readRecord, writeRecord } from './encoding.ts';
import type { AuditStep, EpochAudit } from './epoch-audit.ts';
import { KeyDirectoryError } from './errors.ts';
import { HASH_SIZE } from './hashing.ts';
import type { KeyEvent } from './records.ts';

/** Step tags of the pruned tree, in preorder. */
const STEP = { empty: 0, hash: 1, leaf: 2, branch: 3 } as const;

function writeStep(w: ByteWriter, step: AuditStep): void {
  w.u8(STEP[step.kind]);
  if (step.kind === 'hash') w.bytes(sized(step.hash));
  if (step.kind === 'leaf') w.bytes(sized(step.label)).bytes(sized(step.commitment));
}

function sized(hash: Uint8Array): Uint8Array {
  if (hash.length !== HASH_SIZE) throw new KeyDirectoryError('malformed', 'a hash is not 32 bytes');
  return hash;
}

/**
 * The bytes a server sends for an epoch's audit: a flag and the previous record, the record, a u32 count of
 * key events (label, u64 version, commitment each), then the pruned previous tree as preorder steps (a tag
 * byte: 0 empty, 1 hash, 2 leaf with label and commitment, 3 branch followed by its two subtrees). The tree
 * ends where its structure ends and nothing may follow, so each audit has one encoding.
 */
export function encodeEpochAudit(audit: EpochAudit): Uint8Array {
  const w = new ByteWriter().u8(audit.previous === null ? 0 : 1);
  if (audit.previous !== null) writeRecord(w, audit.previous);
  writeRecord(w, audit.record);
  w.u32(audit.events.length);
  for (const e of audit.events) w.bytes(sized(e.label)).u64(e.version).bytes(sized(e.commitment));
  for (const step of audit.previousTree) writeStep(w, step);
  return w.finish();
}

function readStep(r: ByteReader): AuditStep {
  const tag = r.u8();
  if (tag === STEP.empty) return { kind: 'empty' };
  if (tag === STEP.hash) return { kind: 'hash', hash: r.bytes(HASH_SIZE) };
  if (tag === STEP.leaf) return { kind: 'leaf', label: r.bytes(HASH_SIZE), commitment: r.bytes(HASH_SIZE) };
  if (tag === STEP.branch) return { kind: 'branch' };
  throw new KeyDirectoryError('malformed', `unknown pruned-tree step ${tag}`);
}

/**
 * Parses an epoch audit; strict (unknown step tags, an unfinished tree and trailing bytes are 'malformed'),
 * so it re-encodes identically. Whether the audit is true is `verifyEpochAudit`'s to decide.
 */
export function decodeEpochAudit(bytes: Uint8Array): EpochAudit {
  const r = new ByteReader(bytes);
  const previous = r.flag() ? readRecord(r) : null;
  const record = readRecord(r);
  const count = r.u32();
  const events: KeyEvent[] = [];
  // Read one by one, so a huge count fails at the end of the bytes instead of allocating first.
  for (let i = 0; i < count; i++) {
    events.push({ label: r.bytes(HASH_SIZE), version: r.u64(), commitment: r.bytes(HASH_SIZE) });
  }
  const previousTree: AuditStep[] = [];
  for (let open = 1; open > 0; open--) {
    const step = readStep(r);
    previousTree.push(step);
    if (step.kind === 'branch') open += 2;
  }
  r.end();
  return { previous, record, events, previousTree };
}
