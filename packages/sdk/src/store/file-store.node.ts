import { randomBytes, scrypt } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { open, STORAGE_KEY_PARAMS, type StorageKeyParams, seal, storageKeyMemory } from '@parley/crypto';
import { fromBase64url, toBase64url } from '@parley/protocol';
import { type ClientStore, checkKey } from './client-store.ts';
import { checkNewPassphrase } from './passphrase.ts';

export type FileStoreOptions = Readonly<{
  /** The profile's directory; created if missing. One directory holds one profile. */
  directory: string;
  passphrase: string;
  /** scrypt cost for a new profile (tests pass TEST_STORAGE_KEY_PARAMS); an existing profile keeps its own. */
  keyParams?: StorageKeyParams;
}>;

type ProfileHeader = Readonly<{ format: 1; salt: string; params: StorageKeyParams }>;

const encoder = new TextEncoder();
const headerFile = 'profile.json';
const suffix = '.sealed';

/**
 * Stores each value in its own file, sealed (XChaCha20-Poly1305) under a key stretched from the passphrase,
 * with the key name as associated data so files cannot be swapped. Writes go to a temporary file that is then
 * renamed over the old one, so a crash leaves either version intact.
 */
export class FileStore implements ClientStore {
  readonly #directory: string;
  readonly #key: Uint8Array;

  private constructor(directory: string, key: Uint8Array) {
    this.#directory = directory;
    this.#key = key;
  }

  /**
   * Opens (or creates) a profile; a wrong passphrase fails on the first read, with SealedDataError. A new
   * profile needs a passphrase of MIN_PASSPHRASE_LENGTH characters (WeakPassphraseError); an existing one
   * opens with whatever passphrase and scrypt cost it was created with.
   */
  static async open(options: FileStoreOptions): Promise<FileStore> {
    const header = await readHeader(options.directory);
    if (!header) checkNewPassphrase(options.passphrase);
    await mkdir(options.directory, { recursive: true, mode: 0o700 });
    const params = header?.params ?? options.keyParams ?? STORAGE_KEY_PARAMS;
    const salt = header ? fromBase64url(header.salt) : new Uint8Array(randomBytes(32));
    if (!header) {
      const created: ProfileHeader = { format: 1, salt: toBase64url(salt), params };
      await atomicWrite(options.directory, headerFile, encoder.encode(JSON.stringify(created)));
    }
    return new FileStore(options.directory, await deriveKey(options.passphrase, salt, params));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    checkKey(key);
    let sealed: Uint8Array;
    try {
      sealed = new Uint8Array(await readFile(join(this.#directory, fileName(key))));
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    return open(this.#key, sealed, encoder.encode(key));
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    checkKey(key);
    await atomicWrite(this.#directory, fileName(key), seal(this.#key, value, encoder.encode(key)));
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await rm(join(this.#directory, fileName(key)), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const names = await readdir(this.#directory);
    return names
      .filter((n) => n.endsWith(suffix))
      .map((n) => new TextDecoder().decode(fromBase64url(n.slice(0, -suffix.length))))
      .filter((k) => k.startsWith(prefix))
      .sort();
  }
}

/**
 * scrypt in native code on the thread pool (the same function as the isomorphic `deriveStorageKey`, about
 * 20% faster and off the event loop). Node refuses more than 32 MiB unless told, hence maxmem.
 */
function deriveKey(passphrase: string, salt: Uint8Array, params: StorageKeyParams): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const { N, r, p } = params;
    scrypt(passphrase, salt, 32, { N, r, p, maxmem: storageKeyMemory(params) }, (error, key) =>
      error ? reject(error) : resolve(new Uint8Array(key)),
    );
  });
}

/** Key names become base64url file names: no path tricks, no case-folding collisions on any file system. */
function fileName(key: string): string {
  return `${toBase64url(encoder.encode(key))}${suffix}`;
}

async function atomicWrite(directory: string, name: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(directory, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temporary, bytes, { mode: 0o600, flush: true });
  await rename(temporary, join(directory, name));
}

async function readHeader(directory: string): Promise<ProfileHeader | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(directory, headerFile), 'utf8'));
    if (!isHeader(parsed)) throw new Error('profile header is malformed');
    return parsed;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function isHeader(value: unknown): value is ProfileHeader {
  if (typeof value !== 'object' || value === null) return false;
  const params: unknown = Reflect.get(value, 'params');
  return (
    Reflect.get(value, 'format') === 1 &&
    typeof Reflect.get(value, 'salt') === 'string' &&
    typeof params === 'object' &&
    params !== null &&
    withinBounds(Reflect.get(params, 'N'), 2 ** 20) &&
    withinBounds(Reflect.get(params, 'r'), 32) &&
    withinBounds(Reflect.get(params, 'p'), 16)
  );
}

/** A header is read from disk: a cost beyond what any Parley version wrote is refused, not attempted. */
function withinBounds(value: unknown, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && Reflect.get(error, 'code') === 'ENOENT';
}
