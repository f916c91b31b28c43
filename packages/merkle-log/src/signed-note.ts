import { fromBase64, toBase64 } from './base64.ts';
import { fromUtf8, hasControlChar, isWellFormed } from './bytes.ts';
import { FormatError } from './errors.ts';
import { isValidKeyName } from './note-key.ts';

/** One signature line: key name, key ID, and the signature bytes after the 4-byte key ID. */
export type NoteSignature = Readonly<{ name: string; keyId: number; signature: Uint8Array }>;

/** A parsed signed note (c2sp.org/signed-note). The text must be ignored until a signature is verified. */
export type SignedNote = Readonly<{ text: string; signatures: readonly NoteSignature[] }>;

/** Upper bound on signature lines; the spec requires accepting at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 ';

/** Checks the note text rules: non-empty, well-formed, ends in a newline, no control character but newline. */
export function checkNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new FormatError('note text must end with a newline');
  if (!isWellFormed(text)) throw new FormatError('note is not well-formed UTF-8');
  if (hasControlChar(text, true)) throw new FormatError('note contains a control character');
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw new FormatError('signature line must start with an em dash');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = rest.slice(0, space);
  if (space < 0 || !isValidKeyName(name)) throw new FormatError('malformed signature line');
  const raw = fromBase64(rest.slice(space + 1));
  if (raw.length < 5) throw new FormatError('signature is too short');
  const keyId = new DataView(raw.buffer, raw.byteOffset, 4).getUint32(0);
  return { name, keyId, signature: raw.slice(4) };
}

/**
 * Parses a signed note; text and signatures are split at the last blank line. Bytes must be strict
 * UTF-8. Does not verify anything: use openNote for that.
 */
export function parseSignedNote(input: string | Uint8Array): SignedNote {
  const msg = typeof input === 'string' ? input : fromUtf8(input);
  checkNoteText(msg);
  const split = msg.lastIndexOf('\n\n');
  if (split < 0) throw new FormatError('note has no signature block');
  const text = msg.slice(0, split + 1);
  const lines = msg.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new FormatError('note has too many signatures');
  return { text, signatures: lines.map(parseSignatureLine) };
}

/** Formats one signature line, newline included. */
export function formatSignatureLine(sig: NoteSignature): string {
  if (!isValidKeyName(sig.name)) throw new FormatError('invalid key name');
  const raw = new Uint8Array(4 + sig.signature.length);
  new DataView(raw.buffer).setUint32(0, sig.keyId);
  raw.set(sig.signature, 4);
  return `${SIGNATURE_PREFIX}${sig.name} ${toBase64(raw)}\n`;
}

/** Formats a signed note: text, blank line, one line per signature (at least one). */
export function formatSignedNote(note: SignedNote): string {
  checkNoteText(note.text);
  if (note.signatures.length === 0) throw new FormatError('a signed note needs a signature');
  return `${note.text}\n${note.signatures.map(formatSignatureLine).join('')}`;
}
