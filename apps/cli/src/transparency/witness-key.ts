import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import {
  createCosigner,
  formatVerifierKey,
  fromBase64,
  generateEd25519Keys,
  type NoteSigner,
  SignatureType,
  signerFromKey,
} from '@parley/merkle-log';

/** A witness's cosigner and the cosignature/v1 vkey logs and verifiers configure for it. */
export type WitnessKey = Readonly<{ cosigner: NoteSigner; vkey: string }>;

const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Loads the witness key from a file holding a C2SP note skey (`PRIVATE+KEY+name+id+…`), creating it
 * (mode 0600) on first run. The same seed signs cosignature/v1, whose key ID differs from the skey's.
 */
export async function loadWitnessKey(path: string, name: string, now: () => number): Promise<WitnessKey> {
  let skey: string;
  try {
    skey = (await readFile(path, 'utf8')).trim();
  } catch {
    skey = generateEd25519Keys(name).skey;
    await writeFile(path, `${skey}\n`, { mode: 0o600, flag: 'wx' });
  }
  const checked = signerFromKey(skey);
  // PRIVATE+KEY+<name>+<key id>+<base64>; names hold no '+', base64 may.
  const raw = fromBase64(skey.split('+').slice(4).join('+'));
  const seed = raw.subarray(1);
  const der = createPublicKey(
    createPrivateKey({ key: Buffer.concat([pkcs8Prefix, seed]), format: 'der', type: 'pkcs8' }),
  ).export({ format: 'der', type: 'spki' });
  const publicKey = new Uint8Array(der.subarray(der.length - 32));
  return {
    cosigner: createCosigner(checked.name, seed, now),
    vkey: formatVerifierKey(checked.name, SignatureType.cosignatureV1, publicKey),
  };
}
