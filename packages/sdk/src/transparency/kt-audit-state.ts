import { type KtKeys, KtKeys as KtKeysSchema } from '@parley/protocol';

/**
 * What a key-directory auditor remembers between runs: the directory's keys pinned on first use, the last
 * checkpoint it opened (the next must extend it), how many epochs it has audited, the record of the last
 * one (the next epoch must follow it) and each label's last version (a label's next event must be the
 * version after). Kept as JSON by the runtime's port (a file in the CLI), saved after every epoch.
 */
export type KtAuditState = Readonly<{
  format: 1;
  keys: KtKeys;
  /** The newest checkpoint opened and found consistent; rootHash in standard base64. */
  checkpoint: Readonly<{ size: number; rootHash: string }> | null;
  /** Epochs 0 … audited − 1 passed the audit. */
  audited: number;
  /** `encodeEpochRecord` of epoch audited − 1 (base64url), null before any. */
  lastRecord: string | null;
  /** Each label seen (hex) and its newest version. */
  labels: Readonly<Record<string, number>>;
}>;

/** Where an auditor keeps its state; `save` must replace the whole state atomically. */
export interface KtAuditStateStore {
  load(): Promise<KtAuditState | undefined>;
  save(state: KtAuditState): Promise<void>;
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Validates state read back from storage, so a corrupt or hand-edited file is reported, not trusted. */
export function parseKtAuditState(value: unknown): KtAuditState {
  const bad = (what: string) => new Error(`key-directory audit state is malformed: ${what}`);
  if (typeof value !== 'object' || value === null) throw bad('not an object');
  const get = (key: string): unknown => Reflect.get(value, key);
  if (get('format') !== 1) throw bad('unknown format');
  const keys = KtKeysSchema.safeParse(get('keys'));
  if (!keys.success) throw bad('keys');
  const checkpoint = get('checkpoint');
  let seen: KtAuditState['checkpoint'] = null;
  if (checkpoint !== null) {
    const size: unknown =
      typeof checkpoint === 'object' ? Reflect.get(Object(checkpoint), 'size') : undefined;
    const rootHash: unknown =
      typeof checkpoint === 'object' ? Reflect.get(Object(checkpoint), 'rootHash') : undefined;
    if (!count(size) || typeof rootHash !== 'string') throw bad('checkpoint');
    seen = { size, rootHash };
  }
  const audited = get('audited');
  const lastRecord = get('lastRecord');
  if (!count(audited) || (seen !== null && audited > seen.size)) throw bad('audited');
  if ((audited === 0) !== (lastRecord === null) || (lastRecord !== null && typeof lastRecord !== 'string'))
    throw bad('lastRecord');
  const labels = get('labels');
  if (typeof labels !== 'object' || labels === null) throw bad('labels');
  const versions: Record<string, number> = {};
  for (const [label, version] of Object.entries(labels)) {
    if (!/^[0-9a-f]{64}$/.test(label) || !count(version) || version === 0) throw bad(`label ${label}`);
    versions[label] = version;
  }
  return { format: 1, keys: keys.data, checkpoint: seen, audited, lastRecord, labels: versions };
}
