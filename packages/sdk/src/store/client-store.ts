/**
 * The storage port the client keeps all of its state behind (keys, group states, history). Keys are short
 * ASCII paths such as `group/<id>`; values are bytes. Implementations must make each `put` atomic: a reader
 * sees the old value or the new one, never a mix, even after a crash.
 */
export interface ClientStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key starting with `prefix`, in ascending order. */
  list(prefix: string): Promise<string[]>;
}

const keyPattern = /^[A-Za-z0-9_./:-]{1,200}$/;

/** Refuses keys an implementation could not store faithfully (file names, URL paths). */
export function checkKey(key: string): void {
  const badSegment = key.split('/').some((s) => s === '' || s === '.' || s === '..');
  if (!keyPattern.test(key) || badSegment) throw new RangeError(`invalid store key: ${key}`);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Reads a JSON value written by `putJson`. */
export async function getJson(store: ClientStore, key: string): Promise<unknown> {
  const bytes = await store.get(key);
  return bytes === undefined ? undefined : JSON.parse(decoder.decode(bytes));
}

export async function putJson(store: ClientStore, key: string, value: unknown): Promise<void> {
  await store.put(key, encoder.encode(JSON.stringify(value)));
}
