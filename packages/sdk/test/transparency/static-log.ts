import {
  buildTiles,
  createCosigner,
  encodeEntryBundle,
  entryBundlePath,
  formatCheckpoint,
  formatVerifierKey,
  fromBase64,
  generateEd25519Keys,
  joinTileHashes,
  MemoryTree,
  type NoteSigner,
  parseVerifierKey,
  SignatureType,
  signerFromKey,
  signNote,
  TILE_WIDTH,
  tilePath,
} from '@parley/merkle-log';
import { expect } from 'vitest';
import { type LogFetcher, LogVerificationError } from '../../src/index.ts';

/** A log key for tests: a signer and its vkey. */
export function testLogKey(name = 'test.example/log') {
  const { skey, vkey } = generateEd25519Keys(name);
  return { signer: signerFromKey(skey), vkey };
}

/** A witness key for tests: a cosignature/v1 signer at a fixed time, and its vkey. */
export function testWitnessKey(name: string, time = 1_700_000_000) {
  const { skey, vkey } = generateEd25519Keys(name);
  const seed = fromBase64(skey.split('+').slice(4).join('+')).subarray(1);
  const publicKey = parseVerifierKey(vkey).publicKey;
  return {
    cosigner: createCosigner(name, seed, () => time),
    vkey: formatVerifierKey(name, SignatureType.cosignatureV1, publicKey),
  };
}

/**
 * A log published as static files in the C2SP layout (what a mirror or CDN serves), built from entries
 * and signed with `signer`: the verifier reads it through the same LogFetcher port as a server.
 */
export function staticLog(entries: readonly Uint8Array[], signer: NoteSigner, extraSignatures = '') {
  const tree = new MemoryTree();
  for (const e of entries) tree.append(e);
  const files = new Map<string, Uint8Array>();
  const leaves = joinTileHashes(entries.map((_, i) => tree.leafHash(i)));
  for (const t of buildTiles(leaves)) files.set(tilePath(t.tile), t.data);
  for (let i = 0; i * TILE_WIDTH < entries.length; i++) {
    const part = entries.slice(i * TILE_WIDTH, (i + 1) * TILE_WIDTH);
    files.set(entryBundlePath(i, part.length), encodeEntryBundle(part));
  }
  const body = formatCheckpoint({
    origin: signer.name,
    size: entries.length,
    rootHash: tree.root(),
    extensions: [],
  });
  const note = signNote(body, [signer]) + extraSignatures;
  files.set('checkpoint', new TextEncoder().encode(note));
  const fetch: LogFetcher = async (path) => files.get(path);
  return { tree, files, note, body, fetch };
}

export const testEntries = (n: number, tag = 'e') =>
  Array.from({ length: n }, (_, i) => new TextEncoder().encode(`${tag} ${i} ${'y'.repeat(i % 50)}`));

/** The problem and message a verification fails with, as `problem: message`. */
export async function problem(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LogVerificationError);
  return error instanceof LogVerificationError ? `${error.problem}: ${error.message}` : '';
}
