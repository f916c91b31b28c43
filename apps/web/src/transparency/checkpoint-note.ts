/** What the page shows of a signed checkpoint before (and besides) verifying it. */
export type CheckpointView = Readonly<{
  origin: string;
  size: number;
  rootHash: string;
  /** Everyone but the log that signed this tree head, with the time a cosignature/v1 line states. */
  witnesses: readonly Readonly<{ name: string; cosignedAt: Date | undefined }>[];
}>;

/**
 * Reads a C2SP checkpoint's text for display only: origin, size, root and signature lines. Whether the
 * signatures are valid is `auditLog`'s job; this never decides anything.
 */
export function readCheckpoint(note: string): CheckpointView {
  const split = note.indexOf('\n\n');
  if (split < 0) throw new Error('the checkpoint is not a signed note');
  const [origin = '', size = '', rootHash = ''] = note.slice(0, split).split('\n');
  const signatures = note
    .slice(split + 2)
    .split('\n')
    .flatMap((line) => {
      const m = /^\u2014 (\S+) (\S+)$/.exec(line);
      return m?.[1] !== undefined && m[2] !== undefined ? [{ name: m[1], signature: m[2] }] : [];
    });
  return {
    origin,
    size: Number(size),
    rootHash,
    witnesses: signatures
      .filter((s) => s.name !== origin)
      .map((s) => ({ name: s.name, cosignedAt: cosignatureTime(s.signature) })),
  };
}

/** cosignature/v1: key hash (4 bytes), then the big-endian seconds since the epoch (8), then the signature. */
function cosignatureTime(signature: string): Date | undefined {
  let bytes: string;
  try {
    bytes = atob(signature);
  } catch {
    return undefined;
  }
  if (bytes.length !== 4 + 8 + 64) return undefined;
  let seconds = 0;
  for (let i = 4; i < 12; i++) seconds = seconds * 256 + bytes.charCodeAt(i);
  return new Date(seconds * 1000);
}
