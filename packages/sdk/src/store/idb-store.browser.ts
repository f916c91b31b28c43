import { type ClientStore, checkKey } from './client-store.ts';
import { createWrappedKey, isWrappedKeyRecord, unwrapStorageKey } from './idb-key-wrap.browser.ts';

export type IdbStoreOptions = Readonly<{
  /** The IndexedDB database holding one profile; defaults to `parley`. */
  name?: string;
  /**
   * Wraps the profile's key under this passphrase (a new profile needs 12 characters or more), so the
   * browser's files alone do not open it. A profile made with a passphrase opens only with it; one made
   * without opens only without.
   */
  passphrase?: string;
}>;

/** The profile was made with a passphrase: open it with that passphrase. */
export class ProfileLockedError extends Error {
  constructor() {
    super('this profile is sealed with a passphrase');
    this.name = 'ProfileLockedError';
  }
}

type SealedRecord = Readonly<{ iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }>;

const VALUES = 'values';
const META = 'meta';
const KEY_ID = 'storage-key';
const WRAPPED_KEY_ID = 'wrapped-storage-key';
const IV_BYTES = 12;
const encoder = new TextEncoder();

/**
 * Keeps client state in IndexedDB, each value sealed with AES-256-GCM under a non-extractable WebCrypto key
 * kept in the same database as a CryptoKey. Non-extractable means script (an injected one included) can use
 * the key but not read or send away its bytes. It is not protection at rest: the browser serializes the
 * CryptoKey, key bytes included, into its IndexedDB files (Chromium's are found in the clear on disk), so
 * whoever copies the browser profile can open every value; only the OS account and disk encryption guard
 * that. The key name is the associated data, so sealed values cannot be swapped between keys. Key names are
 * stored in the clear (they are ids and contact usernames, which `list` needs in order). With a passphrase,
 * the database holds the key only wrapped under it, which does protect a copy of the files.
 */
export class IdbStore implements ClientStore {
  readonly #db: IDBDatabase;
  readonly #key: CryptoKey;

  private constructor(db: IDBDatabase, key: CryptoKey) {
    this.#db = db;
    this.#key = key;
  }

  /** Opens (or creates) the profile database and its storage key. */
  static async open(options: IdbStoreOptions = {}): Promise<IdbStore> {
    const db = await openDatabase(options.name ?? 'parley');
    try {
      const key =
        options.passphrase === undefined ? await storageKey(db) : await wrappedKey(db, options.passphrase);
      return new IdbStore(db, key);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Deletes a profile database and its key for good. */
  static async destroy(name = 'parley'): Promise<void> {
    await request(indexedDB.deleteDatabase(name));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    checkKey(key);
    const found: unknown = await request(this.#db.transaction(VALUES).objectStore(VALUES).get(key));
    if (found === undefined) return undefined;
    if (!isSealed(found)) throw new Error(`stored value for ${key} is malformed`);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: found.iv, additionalData: encoder.encode(key) },
      this.#key,
      found.data,
    );
    return new Uint8Array(plain);
  }

  async put(key: string, value: Uint8Array): Promise<void> {
    checkKey(key);
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    // Encrypt before opening the transaction: IndexedDB commits a transaction left idle across an await.
    const data = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: encoder.encode(key) },
      this.#key,
      value.slice(),
    );
    const record: SealedRecord = { iv, data };
    await write(this.#db, (values) => values.put(record, key));
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await write(this.#db, (values) => values.delete(key));
  }

  async list(prefix: string): Promise<string[]> {
    const store = this.#db.transaction(VALUES).objectStore(VALUES);
    // Every valid key is ASCII, so all keys with this prefix sort below prefix + U+FFFF.
    const range = prefix === '' ? undefined : IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const keys = await request(store.getAllKeys(range));
    return keys.filter((k): k is string => typeof k === 'string').sort();
  }

  /** Closes the database connection (another tab or a later `open` may then upgrade or delete it). */
  close(): void {
    this.#db.close();
  }
}

function openDatabase(name: string): Promise<IDBDatabase> {
  const opening = indexedDB.open(name, 1);
  opening.onupgradeneeded = () => {
    const db = opening.result;
    if (!db.objectStoreNames.contains(VALUES)) db.createObjectStore(VALUES);
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
  };
  return request(opening);
}

/** The profile's key, generated on first use. Two tabs racing here both end up with the first one stored. */
async function storageKey(db: IDBDatabase): Promise<CryptoKey> {
  if (isWrappedKeyRecord(await readMeta(db, WRAPPED_KEY_ID))) throw new ProfileLockedError();
  const existing = await readKey(db);
  if (existing) return existing;
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const tx = db.transaction(META, 'readwrite');
  tx.objectStore(META).add(fresh, KEY_ID);
  try {
    await done(tx);
    return fresh;
  } catch {
    const winner = await readKey(db);
    if (!winner) throw new Error('could not store the profile key');
    return winner;
  }
}

/** The key of a passphrase profile, wrapped and stored on first use; two tabs racing keep the first. */
async function wrappedKey(db: IDBDatabase, passphrase: string): Promise<CryptoKey> {
  if (await readKey(db)) throw new Error('this profile has no passphrase');
  const existing = await readMeta(db, WRAPPED_KEY_ID);
  if (isWrappedKeyRecord(existing)) return unwrapStorageKey(passphrase, existing);
  const created = await createWrappedKey(passphrase);
  const tx = db.transaction(META, 'readwrite');
  tx.objectStore(META).add(created.record, WRAPPED_KEY_ID);
  try {
    await done(tx);
    return created.key;
  } catch {
    const winner = await readMeta(db, WRAPPED_KEY_ID);
    if (!isWrappedKeyRecord(winner)) throw new Error('could not store the profile key');
    return unwrapStorageKey(passphrase, winner);
  }
}

async function readKey(db: IDBDatabase): Promise<CryptoKey | undefined> {
  const found = await readMeta(db, KEY_ID);
  return found instanceof CryptoKey ? found : undefined;
}

async function readMeta(db: IDBDatabase, id: string): Promise<unknown> {
  return request(db.transaction(META).objectStore(META).get(id));
}

async function write(db: IDBDatabase, action: (values: IDBObjectStore) => void): Promise<void> {
  const tx = db.transaction(VALUES, 'readwrite', { durability: 'strict' });
  action(tx.objectStore(VALUES));
  await done(tx);
}

function isSealed(value: unknown): value is SealedRecord {
  if (typeof value !== 'object' || value === null) return false;
  return Reflect.get(value, 'iv') instanceof Uint8Array && Reflect.get(value, 'data') instanceof ArrayBuffer;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves when the transaction has committed (so the write survives a crash), rejects if it aborted. */
function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}
