import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The published transparency-log vectors that travel with the package (SOURCES.md there names each
 * upstream). A missing file makes the reads below throw, so a test fails instead of skipping.
 */
export const vectorsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'vectors');

/** Reads and parses a JSON vector file relative to the vectors root. */
export function readVector(relative: string): unknown {
  return JSON.parse(readFileSync(path.join(vectorsDir, relative), 'utf8'));
}

/** Every .json file under a vector folder, relative to the vectors root, sorted. */
export function listVectors(relative: string): string[] {
  const entries = readdirSync(path.join(vectorsDir, relative), { recursive: true, encoding: 'utf8' });
  return entries
    .filter((e) => e.endsWith('.json'))
    .map((e) => path.join(relative, e))
    .sort();
}

/** Decodes standard base64 with node's decoder (independent from the code under test). */
export function b64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Decodes hex. */
export function hex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
