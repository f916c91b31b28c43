import { IdbStore } from '@parley/sdk/browser';

type Outcome<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; name: string; message: string }>;

const stores = new Map<string, IdbStore>();

async function run<T>(name: string, action: (store: IdbStore) => Promise<T>): Promise<Outcome<T>> {
  try {
    let store = stores.get(name);
    if (!store) {
      store = await IdbStore.open({ name });
      stores.set(name, store);
    }
    return { ok: true, value: await action(store) };
  } catch (error) {
    return error instanceof Error
      ? { ok: false, name: error.name, message: error.message }
      : { ok: false, name: 'Error', message: String(error) };
  }
}

/** Opens a profile afresh (with a passphrase, or none), runs one get or put, and closes it again. */
async function withPassphrase(
  name: string,
  passphrase: string | null,
  op: 'get' | 'put',
  key: string,
  value: number[],
): Promise<Outcome<number[] | null>> {
  try {
    const store = await IdbStore.open(passphrase === null ? { name } : { name, passphrase });
    try {
      if (op === 'put') {
        await store.put(key, Uint8Array.from(value));
        return { ok: true, value: null };
      }
      const found = await store.get(key);
      return { ok: true, value: found === undefined ? null : [...found] };
    } finally {
      store.close();
    }
  } catch (error) {
    return error instanceof Error
      ? { ok: false, name: error.name, message: error.message }
      : { ok: false, name: 'Error', message: String(error) };
  }
}

/** The profile's meta records as the files hold them: their ids and how many are usable CryptoKeys. */
async function metaRecords(name: string): Promise<Readonly<{ ids: string[]; cryptoKeys: number }>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const read = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const meta = db.transaction('meta').objectStore('meta');
  const ids = await read(meta.getAllKeys());
  const values = await read(meta.getAll());
  db.close();
  return { ids: ids.map(String), cryptoKeys: values.filter((v: unknown) => v instanceof CryptoKey).length };
}

/** Raw IndexedDB contents, as an attacker with the profile's files would find them. */
async function rawRecords(name: string): Promise<Readonly<{ keys: string[]; bytes: number[][] }>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction('values');
  const read = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  const keys = await read(tx.objectStore('values').getAllKeys());
  const values = await read(tx.objectStore('values').getAll());
  db.close();
  const bytes = values.map((v: unknown) => {
    const data: unknown = typeof v === 'object' && v !== null ? Reflect.get(v, 'data') : undefined;
    return data instanceof ArrayBuffer ? [...new Uint8Array(data)] : [];
  });
  return { keys: keys.map(String), bytes };
}

/** Whether the profile key can be exported (it must not be). */
async function keyIsExtractable(name: string): Promise<boolean> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const key = await new Promise<unknown>((resolve, reject) => {
    const req = db.transaction('meta').objectStore('meta').get('storage-key');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  db.close();
  if (!(key instanceof CryptoKey)) throw new Error('no CryptoKey stored');
  try {
    await crypto.subtle.exportKey('raw', key);
    return true;
  } catch {
    return key.extractable;
  }
}

/** Copies the sealed record of `from` over `to`, as a tampering attacker with the files would. */
async function copyRecord(name: string, from: string, to: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction('values', 'readwrite');
  const values = tx.objectStore('values');
  const req = values.get(from);
  req.onsuccess = () => values.put(req.result, to);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** What the Node side of the test calls through `page.evaluate`. */
export const storeHarness = {
  get: (name: string, key: string) =>
    run(name, async (s) => {
      const value = await s.get(key);
      return value === undefined ? null : [...value];
    }),
  put: (name: string, key: string, value: number[]) => run(name, (s) => s.put(key, Uint8Array.from(value))),
  delete: (name: string, key: string) => run(name, (s) => s.delete(key)),
  list: (name: string, prefix: string) => run(name, (s) => s.list(prefix)),
  rawRecords,
  withPassphrase,
  metaRecords,
  keyIsExtractable,
  copyRecord,
};

export type StoreHarness = typeof storeHarness;

Reflect.set(globalThis, 'storeHarness', storeHarness);
