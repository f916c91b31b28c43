/**
 * The page side of `kt-lookup-browser-bench.ts`: decodes and verifies each lookup proof as the web app's
 * sdk does, and reports the time of each. Bundled for Chromium; exposes `ktLookupBench` on `window`.
 */
import { decodeLookupProof, verifyLookup } from '@parley/key-directory';

export type LookupBenchInput = Readonly<{
  origin: string;
  size: number;
  rootHash: readonly number[];
  vrfPublicKey: readonly number[];
  lookups: readonly Readonly<{ name: string; proof: readonly number[] }>[];
  rounds: number;
}>;

function run(input: LookupBenchInput): number[] {
  const checkpoint = {
    origin: input.origin,
    size: input.size,
    rootHash: Uint8Array.from(input.rootHash),
    extensions: [],
  };
  const keys = { vrfPublicKey: Uint8Array.from(input.vrfPublicKey) };
  const proofs = input.lookups.map((l) => ({ name: l.name, bytes: Uint8Array.from(l.proof) }));
  const times: number[] = [];
  for (let round = 0; round < input.rounds; round++) {
    for (const { name, bytes } of proofs) {
      const t0 = performance.now();
      const result = verifyLookup(checkpoint, name, decodeLookupProof(bytes), keys);
      times.push(performance.now() - t0);
      if (result.entry === null) throw new Error(`no entry for ${name}`);
    }
  }
  return times;
}

Reflect.set(window, 'ktLookupBench', run);
