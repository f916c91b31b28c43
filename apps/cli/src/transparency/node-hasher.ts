import { createHash } from 'node:crypto';
import { type Hasher, rfc9162Hasher } from '@parley/merkle-log';

/** Native SHA-256 for the verifier: a full audit hashes every entry and every tile node. */
export const nodeHasher: Hasher = rfc9162Hasher(
  (data) => new Uint8Array(createHash('sha256').update(data).digest()),
);
