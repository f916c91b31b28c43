import { sha256 } from '@noble/hashes/sha2.js';
import { KeyDirectory, KeyDirectoryError } from '../src/index.ts';

const te = new TextEncoder();

/** A deterministic opening source, so tests are repeatable. */
export function counterRandom(): (length: number) => Uint8Array {
  let n = 0;
  return (length) => sha256(te.encode(`opening ${n++}`)).slice(0, length);
}

/** The value an account would hold: an account key and a device list, told apart by `tag`. */
export function value(tag: string) {
  return { accountKey: sha256(te.encode(`key ${tag}`)), deviceList: te.encode(`devices ${tag}`) };
}

export const vrfSecretKey = sha256(te.encode('test VRF key'));

/** A directory with alice, bob and carol over three epochs; alice changes keys in epoch 2. */
export function smallDirectory(): KeyDirectory {
  const directory = new KeyDirectory({
    origin: 'kt.parley.example/test',
    vrfSecretKey,
    random: counterRandom(),
  });
  directory.stage('alice', value('alice 1'));
  directory.stage('bob', value('bob 1'));
  directory.publishEpoch();
  directory.stage('carol', value('carol 1'));
  directory.publishEpoch();
  directory.stage('alice', value('alice 2'));
  directory.publishEpoch();
  return directory;
}

/** The code of the KeyDirectoryError `run` throws, or 'accepted'. */
export function refusal(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof KeyDirectoryError) return e.code;
    throw e;
  }
  return 'accepted';
}

/** A copy of `bytes` with one bit flipped. */
export function flip(bytes: Uint8Array, at = 0): Uint8Array {
  const out = bytes.slice();
  out[at] = (out[at] ?? 0) ^ 1;
  return out;
}
