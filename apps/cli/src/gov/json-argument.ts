import { readFile } from 'node:fs/promises';

/** A JSON argument given inline or as `@file`. */
export async function jsonArgument(value: string): Promise<unknown> {
  return JSON.parse(value.startsWith('@') ? await readFile(value.slice(1), 'utf8') : value);
}
