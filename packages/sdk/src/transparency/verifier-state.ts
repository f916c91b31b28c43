/**
 * What a verifier remembers between runs: the log key it pinned on first use and the last checkpoint it
 * verified. The next run must see the same key and a tree that extends this one, or it reports a fork or a
 * rollback. Stored as JSON by whichever port the runtime provides (files in the CLI, IndexedDB later).
 */
export type VerifierState = Readonly<{
  logKey: string;
  size: number;
  /** Standard base64, as in the checkpoint. */
  rootHash: string;
  /** The signed checkpoint (with cosignatures) that was verified, kept as evidence. */
  checkpoint: string;
}>;

/** Where a verifier keeps its state. */
export interface VerifierStateStore {
  load(): Promise<VerifierState | undefined>;
  save(state: VerifierState): Promise<void>;
}

/** Validates state read back from storage, so a corrupt file is reported rather than trusted. */
export function parseVerifierState(value: unknown): VerifierState {
  if (typeof value !== 'object' || value === null) throw new Error('verifier state is not an object');
  const get = (key: string): unknown => Reflect.get(value, key);
  const [logKey, size, rootHash, checkpoint] = [
    get('logKey'),
    get('size'),
    get('rootHash'),
    get('checkpoint'),
  ];
  if (
    typeof logKey !== 'string' ||
    typeof size !== 'number' ||
    !Number.isSafeInteger(size) ||
    typeof rootHash !== 'string' ||
    typeof checkpoint !== 'string'
  ) {
    throw new Error('verifier state is malformed');
  }
  return { logKey, size, rootHash, checkpoint };
}
