import { createKeyPackage, type DeviceIdentity } from '@parley/crypto';
import { fromBase64url, limits, toBase64url } from '@parley/protocol';
import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import type { HttpClient } from '../transport/http-client.ts';

type StoredPackage = Readonly<{ keyPackage: Uint8Array; privatePackage: Uint8Array; lastResort: boolean }>;

const batch = 20;
/** Below this many one-shot packages on the server, the device publishes another batch. */
const lowWater = 5;

/**
 * This device's KeyPackages: the private halves stay in the store (keyed by ref, so a Welcome can find its
 * package), the public halves are published. Private halves are stored before the upload, so a crash between
 * the two can only leave unused secrets, never a published package this device cannot open.
 */
export class KeyPackagePool {
  readonly #store: ClientStore;
  readonly #http: HttpClient;
  readonly #identity: DeviceIdentity;
  #topping: Promise<void> | undefined;

  constructor(store: ClientStore, http: HttpClient, identity: DeviceIdentity) {
    this.#store = store;
    this.#http = http;
    this.#identity = identity;
  }

  /** Publishes a batch when few remain, and a last-resort package when the server has none. */
  topUp(): Promise<void> {
    this.#topping ??= this.#topUp().finally(() => {
      this.#topping = undefined;
    });
    return this.#topping;
  }

  async #topUp(): Promise<void> {
    const count = await this.#http.call('countKeyPackages');
    const wanted = count.available < lowWater ? Math.min(batch, limits.maxKeyPackagesPerUpload) : 0;
    if (wanted === 0 && count.lastResort) return;
    const fresh = [];
    for (let i = 0; i < wanted; i++) fresh.push(await this.#create(false));
    const lastResort = count.lastResort ? undefined : await this.#create(true);
    await this.#http.call('uploadKeyPackages', {
      body: {
        keyPackages: fresh.map((p) => toBase64url(p)),
        ...(lastResort ? { lastResort: toBase64url(lastResort) } : {}),
      },
    });
  }

  /** The package a Welcome names, if this device made it. */
  async find(refs: readonly string[]): Promise<(StoredPackage & { ref: string }) | undefined> {
    for (const ref of refs) {
      const raw = await getJson(this.#store, keyOf(ref));
      if (typeof raw !== 'object' || raw === null) continue;
      const keyPackage: unknown = Reflect.get(raw, 'keyPackage');
      const privatePackage: unknown = Reflect.get(raw, 'privatePackage');
      if (typeof keyPackage !== 'string' || typeof privatePackage !== 'string') continue;
      return {
        ref,
        keyPackage: fromBase64url(keyPackage),
        privatePackage: fromBase64url(privatePackage),
        lastResort: Reflect.get(raw, 'lastResort') === true,
      };
    }
    return undefined;
  }

  /** Deletes a used one-shot package's secrets; the last-resort one stays for the next Welcome. */
  async consumed(pkg: Readonly<{ ref: string; lastResort: boolean }>): Promise<void> {
    if (!pkg.lastResort) await this.#store.delete(keyOf(pkg.ref));
  }

  async #create(lastResort: boolean): Promise<Uint8Array> {
    const created = await createKeyPackage(this.#identity, { lastResort });
    await putJson(this.#store, keyOf(created.ref), {
      keyPackage: toBase64url(created.keyPackage),
      privatePackage: toBase64url(created.privatePackage),
      lastResort,
    });
    return created.keyPackage;
  }
}

const keyOf = (ref: string) => `kp/${ref}`;
