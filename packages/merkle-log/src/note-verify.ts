import { utf8 } from './bytes.ts';
import { SignatureError } from './errors.ts';
import {
  checkNoteText,
  formatSignedNote,
  type NoteSignature,
  parseSignedNote,
  type SignedNote,
} from './signed-note.ts';

/** Port for anything that signs note text: a log key, a cosigner, or an HSM-backed signer on the server. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** Signs the note text bytes; returns the signature without the key ID. */
  sign(text: Uint8Array): Uint8Array;
}

/** Port for a trusted key: notes are checked against a set of these. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** True when `signature` (without key ID) is valid over the note text bytes. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** A note whose text carries at least one valid signature from a trusted key. */
export type VerifiedNote = Readonly<{
  text: string;
  /** Signatures from known keys, all verified. */
  verified: readonly NoteSignature[];
  /** Signatures from keys we do not know, kept so a relay can pass them on. */
  unknown: readonly NoteSignature[];
}>;

/** Signs `text` with every signer and returns the formatted signed note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkNoteText(text);
  const bytes = utf8(text);
  const signatures = signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(bytes) }));
  return formatSignedNote({ text, signatures });
}

/** Adds signatures (e.g. a witness cosignature) to an already signed note, keeping the existing lines. */
export function addSignatures(note: SignedNote, signers: readonly NoteSigner[]): SignedNote {
  const bytes = utf8(note.text);
  const added = signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(bytes) }));
  return { text: note.text, signatures: [...note.signatures, ...added] };
}

/**
 * Parses and verifies a signed note against trusted keys. Per c2sp.org/signed-note, unknown keys are
 * ignored, a known key with a bad (or repeated) signature rejects the whole note, and at least one
 * known key must have signed. Throws SignatureError or FormatError.
 */
export function openNote(
  input: string | Uint8Array | SignedNote,
  verifiers: readonly NoteVerifier[],
): VerifiedNote {
  const note = typeof input === 'string' || input instanceof Uint8Array ? parseSignedNote(input) : input;
  checkNoteText(note.text);
  const bytes = utf8(note.text);
  const verified: NoteSignature[] = [];
  const unknown: NoteSignature[] = [];
  for (const sig of note.signatures) {
    const verifier = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (verifier === undefined) {
      unknown.push(sig);
      continue;
    }
    if (verified.some((v) => v.name === sig.name && v.keyId === sig.keyId)) {
      throw new SignatureError(`note has two signatures from ${sig.name}`);
    }
    if (!verifier.verify(bytes, sig.signature))
      throw new SignatureError(`invalid signature from ${sig.name}`);
    verified.push(sig);
  }
  if (verified.length === 0) throw new SignatureError('note has no signature from a trusted key');
  return { text: note.text, verified, unknown };
}
