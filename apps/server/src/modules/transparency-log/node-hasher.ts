import { hash } from 'node:crypto';
import { type Hasher, rfc9162Hasher } from '@parley/merkle-log';

/** RFC 9162 hashing on node:crypto's one-shot SHA-256: integration and tile audits hash millions of nodes. */
export const nodeHasher: Hasher = rfc9162Hasher((data) => new Uint8Array(hash('sha256', data, 'buffer')));
