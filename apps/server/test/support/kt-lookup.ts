import { decodeLookupProof, verifyLookup } from '@parley/key-directory';
import { openCheckpoint, verifierFromKey } from '@parley/merkle-log';
import { fromBase64url } from '@parley/protocol';
import { call } from './raw-client.ts';

/** What a client does with a lookup: open the checkpoint under the pinned keys and verify the proof. */
export async function verifiedLookup(url: string, token: string, username: string) {
  const keys = (await call(url, 'ktKeys', {})).body;
  const served = await call(url, 'ktLookup', { params: { username } }, token);
  if (served.status !== 200) throw new Error(`lookup of ${username} answered ${served.status}`);
  const { checkpoint } = openCheckpoint(served.body.checkpoint, {
    origin: keys.origin,
    log: verifierFromKey(keys.noteKey),
  });
  const proof = decodeLookupProof(fromBase64url(served.body.proof));
  const result = verifyLookup(checkpoint, username, proof, {
    vrfPublicKey: fromBase64url(keys.vrfPublicKey),
  });
  return { checkpoint, result, keys };
}
