import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const vectorsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'vectors');

/** Reads a JSON vector file from test/vectors; a missing file throws, so a test fails instead of skipping. */
export function readVector(name: string): unknown {
  return JSON.parse(readFileSync(path.join(vectorsDir, name), 'utf8'));
}

/** Decodes hex with node's decoder, independent of the code under test. */
export function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
