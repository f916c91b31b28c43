import { ByteReader, ByteWriter } from './byte-codec.ts';
import { KeyDirectoryError } from './errors.ts';
import { HASH_SIZE, MAX_DEPTH } from './hashing.ts';
import type { LoggedEpoch, LookupProof, OpenedEntry } from './lookup.ts';
import type { EpochRecord } from './records.ts';
import type { TreeProof } from './tree-proof.ts';
import { VRF_PROOF_SIZE } from './vrf.ts';

/** An epoch log can hold 2^64 leaves; its inclusion proofs are at most that many hashes. */
const MAX_LOG_PROOF = 64;

/** An epoch record as 112 bytes: u64 epoch, root, previous root, events root, u64 event count. */
export function writeRecord(w: ByteWriter, r: EpochRecord): void {
  w.u64(r.epoch).bytes(r.root).bytes(r.previousRoot).bytes(r.eventsRoot).u64(r.eventCount);
}

export function readRecord(r: ByteReader): EpochRecord {
  const epoch = r.u64();
  const root = r.bytes(HASH_SIZE);
  const previousRoot = r.bytes(HASH_SIZE);
  const eventsRoot = r.bytes(HASH_SIZE);
  return { epoch, root, previousRoot, eventsRoot, eventCount: r.u64() };
}

/** An epoch record and its inclusion in the epoch log: the record, a u8 count, that many hashes. */
export function writeLogged(w: ByteWriter, logged: LoggedEpoch): void {
  writeRecord(w, logged.record);
  if (logged.inclusion.length > MAX_LOG_PROOF) throw new KeyDirectoryError('malformed', 'log proof size');
  w.u8(logged.inclusion.length);
  for (const h of logged.inclusion) w.bytes(h);
}

export function readLogged(r: ByteReader): LoggedEpoch {
  const record = readRecord(r);
  return { record, inclusion: readHashes(r) };
}

/** A u8 count and that many hashes (a log proof). */
export function readHashes(r: ByteReader): Uint8Array[] {
  const count = r.u8();
  if (count > MAX_LOG_PROOF) throw new KeyDirectoryError('malformed', 'log proof size');
  return Array.from({ length: count }, () => r.bytes(HASH_SIZE));
}

/** Depth, a bitmap of which siblings are present (most significant bit first), those siblings, the leaf. */
export function writeTreeProof(w: ByteWriter, proof: TreeProof): void {
  const depth = proof.siblings.length;
  if (depth > MAX_DEPTH) throw new KeyDirectoryError('malformed', `tree proof is ${depth} levels deep`);
  const bitmap = new Uint8Array(Math.ceil(depth / 8));
  proof.siblings.forEach((s, i) => {
    if (s !== null) bitmap[i >> 3] = (bitmap[i >> 3] ?? 0) | (0x80 >> (i & 7));
  });
  w.u16(depth).bytes(bitmap);
  for (const s of proof.siblings) {
    if (s === null) continue;
    if (s.length !== HASH_SIZE) throw new KeyDirectoryError('malformed', 'sibling is not 32 bytes');
    w.bytes(s);
  }
  w.u8(proof.terminal === null ? 0 : 1);
  if (proof.terminal !== null) w.bytes(proof.terminal.label).bytes(proof.terminal.commitment);
}

export function readTreeProof(r: ByteReader): TreeProof {
  const depth = r.u16();
  if (depth > MAX_DEPTH) throw new KeyDirectoryError('malformed', `tree proof is ${depth} levels deep`);
  const bitmap = r.bytes(Math.ceil(depth / 8));
  const spare = depth % 8 === 0 ? 0 : (bitmap[bitmap.length - 1] ?? 0) & (0xff >> (depth % 8));
  if (spare !== 0) throw new KeyDirectoryError('malformed', 'bits set past the proof depth');
  const siblings: (Uint8Array | null)[] = [];
  for (let i = 0; i < depth; i++) {
    const present = ((bitmap[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0;
    siblings.push(present ? r.bytes(HASH_SIZE) : null);
  }
  const terminal = r.flag() ? { label: r.bytes(HASH_SIZE), commitment: r.bytes(HASH_SIZE) } : null;
  return { siblings, terminal };
}

export function writeEntry(w: ByteWriter, entry: OpenedEntry | null): void {
  w.u8(entry === null ? 0 : 1);
  if (entry === null) return;
  if (entry.opening.length !== HASH_SIZE) throw new KeyDirectoryError('malformed', 'opening is not 32 bytes');
  w.u64(entry.version).bytes(entry.opening).u16(entry.accountKey.length).bytes(entry.accountKey);
  w.u32(entry.deviceList.length).bytes(entry.deviceList);
}

export function readEntry(r: ByteReader): OpenedEntry | null {
  if (!r.flag()) return null;
  const version = r.u64();
  const opening = r.bytes(HASH_SIZE);
  const accountKey = r.bytes(r.u16());
  return { version, opening, accountKey, deviceList: r.bytes(r.u32()) };
}

/** The bytes a server sends for a lookup: fixed-size fields, big-endian lengths, one encoding per proof. */
export function encodeLookupProof(proof: LookupProof): Uint8Array {
  if (proof.vrfProof.length !== VRF_PROOF_SIZE) throw new KeyDirectoryError('malformed', 'VRF proof size');
  const w = new ByteWriter().bytes(proof.vrfProof);
  writeLogged(w, proof.epoch);
  writeTreeProof(w, proof.tree);
  writeEntry(w, proof.entry);
  return w.finish();
}

/** Parses a lookup proof; strict (no trailing bytes, no stray bitmap bits), so it re-encodes identically. */
export function decodeLookupProof(bytes: Uint8Array): LookupProof {
  const r = new ByteReader(bytes);
  const vrfProof = r.bytes(VRF_PROOF_SIZE);
  const epoch = readLogged(r);
  const tree = readTreeProof(r);
  const entry = readEntry(r);
  r.end();
  return { vrfProof, epoch, tree, entry };
}
