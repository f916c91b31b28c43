import { ByteReader, ByteWriter } from './byte-codec.ts';
import {
  decodeLookupProof,
  encodeLookupProof,
  readEntry,
  readHashes,
  readLogged,
  readTreeProof,
  writeEntry,
  writeLogged,
  writeTreeProof,
} from './encoding.ts';
import { KeyDirectoryError } from './errors.ts';
import type { EpochTreeProof, HistoryProof, VersionProof } from './history.ts';

/** More versions than any account makes (one per device-list change); a bound on what a decoder reads. */
const MAX_VERSIONS = 65_535;

function writeEpochTree(w: ByteWriter, proof: EpochTreeProof): void {
  writeLogged(w, proof.epoch);
  writeTreeProof(w, proof.tree);
}

function readEpochTree(r: ByteReader): EpochTreeProof {
  const epoch = readLogged(r);
  return { epoch, tree: readTreeProof(r) };
}

/**
 * The bytes a server sends for a history: the current lookup (u32 length, then its own encoding), a u16
 * count, then each version oldest first: its opened entry, the tree at its epoch, its key event's index
 * (u64) and inclusion, and a flag with the tree at the epoch before. Strict, like the lookup encoding.
 */
export function encodeHistoryProof(proof: HistoryProof): Uint8Array {
  if (proof.versions.length > MAX_VERSIONS) throw new KeyDirectoryError('malformed', 'too many versions');
  const current = encodeLookupProof(proof.current);
  const w = new ByteWriter().u32(current.length).bytes(current).u16(proof.versions.length);
  for (const v of proof.versions) {
    writeEntry(w, v.entry);
    writeEpochTree(w, v.at);
    w.u64(v.eventIndex).u8(v.eventInclusion.length);
    for (const h of v.eventInclusion) w.bytes(h);
    w.u8(v.before === null ? 0 : 1);
    if (v.before !== null) writeEpochTree(w, v.before);
  }
  return w.finish();
}

/** Parses a history proof; refuses trailing bytes, a missing entry and every malformation of its parts. */
export function decodeHistoryProof(bytes: Uint8Array): HistoryProof {
  const r = new ByteReader(bytes);
  const current = decodeLookupProof(r.bytes(r.u32()));
  const count = r.u16();
  const versions: VersionProof[] = [];
  for (let i = 0; i < count; i++) {
    const entry = readEntry(r);
    if (entry === null) throw new KeyDirectoryError('malformed', 'a version without its entry');
    const at = readEpochTree(r);
    const eventIndex = r.u64();
    const eventInclusion = readHashes(r);
    const before = r.flag() ? readEpochTree(r) : null;
    versions.push({ entry, at, eventIndex, eventInclusion, before });
  }
  r.end();
  return { current, versions };
}
