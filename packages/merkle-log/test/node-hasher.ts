import { createHash } from 'node:crypto';
import { rfc9162Hasher } from '../src/index.ts';

/** The server-style plug-in: node:crypto SHA-256 behind the Hasher port (faster for building big fixtures). */
export const nodeHasher = rfc9162Hasher((data) => new Uint8Array(createHash('sha256').update(data).digest()));
