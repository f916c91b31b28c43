import { fromBase64, toBase64 } from './base64.ts';
import { hasControlChar, isWellFormed } from './bytes.ts';
import { FormatError } from './errors.ts';
import { HASH_SIZE } from './hasher.ts';

/** A C2SP tlog-checkpoint body: the signed statement "this log had this root at this size". */
export type Checkpoint = Readonly<{
  /** Unique log identity, e.g. `transparency.parley.example/requests`. */
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Opaque extension lines, signed but carrying no cosigner statement. */
  extensions: readonly string[];
}>;

/** Decimal with no sign and no leading zero, so each size has one text form. */
const sizePattern = /^(0|[1-9][0-9]*)$/;

function checkLine(line: string, what: string): void {
  if (line.length === 0) throw new FormatError(`checkpoint ${what} is empty`);
  if (!isWellFormed(line) || hasControlChar(line, false))
    throw new FormatError(`checkpoint ${what} is malformed`);
}

/**
 * Parses a checkpoint body (the text of its signed note). Strict: canonical size, 32-byte canonical
 * base64 root, non-empty lines, final newline. Sizes above 2^53 - 1 are refused (JS numbers).
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new FormatError('checkpoint must end with a newline');
  const [origin, sizeLine, rootLine, ...extensions] = text.slice(0, -1).split('\n');
  if (origin === undefined || sizeLine === undefined || rootLine === undefined) {
    throw new FormatError('checkpoint needs origin, size and root lines');
  }
  checkLine(origin, 'origin');
  if (!sizePattern.test(sizeLine)) throw new FormatError('checkpoint size is not a canonical decimal');
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new FormatError('checkpoint size exceeds 2^53 - 1');
  const rootHash = fromBase64(rootLine);
  if (rootHash.length !== HASH_SIZE) throw new FormatError('checkpoint root hash must be 32 bytes');
  for (const e of extensions) checkLine(e, 'extension line');
  return { origin, size, rootHash, extensions };
}

/** Formats a checkpoint body; validates so a writer cannot publish what readers would reject. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const text = [
    checkpoint.origin,
    String(checkpoint.size),
    toBase64(checkpoint.rootHash),
    ...checkpoint.extensions,
    '',
  ].join('\n');
  parseCheckpoint(text);
  return text;
}
