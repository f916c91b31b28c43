import { join } from 'node:path';
import {
  type KtAuditStateStore,
  parseKtAuditState,
  parseVerifierState,
  type VerifierStateStore,
  type WitnessRecord,
  type WitnessStateStore,
} from '@parley/sdk';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/** A state kept whole in one JSON file, written atomically and validated by `parse` when read back. */
function jsonFileState<T>(path: string, parse: (value: unknown) => T) {
  return {
    async load(): Promise<T | undefined> {
      const value = await readJsonFile(path);
      return value === undefined ? undefined : parse(value);
    },
    save: (state: T) => writeJsonFile(path, state),
  };
}

/** `parley verify --state DIR`: the pinned log key and last verified checkpoint in DIR/verifier.json. */
export function fileVerifierState(dir: string): VerifierStateStore {
  return jsonFileState(join(dir, 'verifier.json'), parseVerifierState);
}

/** `parley kt audit --state DIR`: the key-directory auditor's state in DIR/kt-audit.json. */
export function fileKtAuditState(dir: string): KtAuditStateStore {
  return jsonFileState(join(dir, 'kt-audit.json'), parseKtAuditState);
}

/** `parley witness --state DIR`: the latest cosigned size and root per log origin in DIR/witness.json. */
export function fileWitnessState(dir: string): WitnessStateStore {
  const path = join(dir, 'witness.json');
  const all = async (): Promise<Record<string, WitnessRecord>> => {
    const value = await readJsonFile(path);
    const out: Record<string, WitnessRecord> = {};
    if (typeof value !== 'object' || value === null) return out;
    for (const [origin, record] of Object.entries(value)) {
      const size: unknown = Reflect.get(record, 'size');
      const rootHash: unknown = Reflect.get(record, 'rootHash');
      if (typeof size !== 'number' || typeof rootHash !== 'string')
        throw new Error(`witness state for ${origin} is malformed`);
      out[origin] = { size, rootHash };
    }
    return out;
  };
  return {
    load: async (origin) => (await all())[origin],
    async save(origin, record) {
      await writeJsonFile(path, { ...(await all()), [origin]: record });
    },
  };
}
