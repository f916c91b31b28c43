import { hash } from 'node:crypto';
import { type Hasher, rfc9162Hasher } from '@parley/merkle-log';

/** Native one-shot SHA-256 for the verifier: a full audit hashes every entry, every event and every tile node. */
export const nodeHasher: Hasher = rfc9162Hasher((data) => new Uint8Array(hash('sha256', data, 'buffer')));
