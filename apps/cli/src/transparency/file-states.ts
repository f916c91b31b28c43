import { join } from 'node:path';
import {
  parseVerifierState,
  type VerifierState,
  type VerifierStateStore,
  type WitnessRecord,
  type WitnessStateStore,
} from '@parley/sdk';
import { readJsonFile, writeJsonFile } from './json-file.ts';

/** `parley verify --state DIR`: the pinned log key and last verified checkpoint in DIR/verifier.json. */
export function fileVerifierState(dir: string): VerifierStateStore {
  const path = join(dir, 'verifier.json');
  return {
    async load() {
      const value = await readJsonFile(path);
      return value === undefined ? undefined : parseVerifierState(value);
    },
    save: (state: VerifierState) => writeJsonFile(path, state),
  };
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
