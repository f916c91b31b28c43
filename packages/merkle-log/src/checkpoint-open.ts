import { type Checkpoint, parseCheckpoint } from './checkpoint.ts';
import { cosignatureTimestamp } from './cosignature.ts';
import { SignatureError } from './errors.ts';
import { type NoteVerifier, openNote, type VerifiedNote } from './note-verify.ts';
import type { SignedNote } from './signed-note.ts';

/** A witness cosignature that verified: who, and when (POSIX seconds) they saw this checkpoint. */
export type Cosignature = Readonly<{ name: string; keyId: number; timestamp: number }>;

/** A checkpoint signed by its log, with the cosignatures that verified. */
export type VerifiedCheckpoint = Readonly<{
  checkpoint: Checkpoint;
  note: VerifiedNote;
  cosignatures: readonly Cosignature[];
}>;

/** Who must have signed a checkpoint for a client to trust it. */
export type CheckpointPolicy = Readonly<{
  /** The origin line the client expects; a checkpoint for another log is refused. */
  origin: string;
  /** The log's own key: its signature is mandatory. */
  log: NoteVerifier;
  /** cosignature/v1 verifiers of trusted witnesses. */
  witnesses?: readonly NoteVerifier[];
  /** How many distinct witnesses must have cosigned (default 0). */
  quorum?: number;
}>;

const same = (a: { name: string; keyId: number }, b: { name: string; keyId: number }): boolean =>
  a.name === b.name && a.keyId === b.keyId;

/**
 * Verifies a signed checkpoint: strict note and body parsing, the log's signature, the expected
 * origin, and a witness quorum. This is what split-view protection rests on. Throws on any failure.
 */
export function openCheckpoint(
  input: string | Uint8Array | SignedNote,
  policy: CheckpointPolicy,
): VerifiedCheckpoint {
  const witnesses = policy.witnesses ?? [];
  const note = openNote(input, [policy.log, ...witnesses]);
  if (!note.verified.some((s) => same(s, policy.log)))
    throw new SignatureError('checkpoint lacks the log signature');
  const checkpoint = parseCheckpoint(note.text);
  if (checkpoint.origin !== policy.origin) {
    throw new SignatureError(`checkpoint is for ${checkpoint.origin}, not ${policy.origin}`);
  }
  const cosignatures = note.verified
    .filter((s) => witnesses.some((w) => same(s, w)))
    .map((s) => ({ name: s.name, keyId: s.keyId, timestamp: cosignatureTimestamp(s) }));
  const quorum = policy.quorum ?? 0;
  if (cosignatures.length < quorum) {
    throw new SignatureError(`checkpoint has ${cosignatures.length} cosignatures, policy needs ${quorum}`);
  }
  return { checkpoint, note, cosignatures };
}
