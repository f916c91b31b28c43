import { type CreatedKeyPackage, createKeyPackage, type DeviceIdentity } from '@parley/crypto';
import { fromBase64url, limits, toBase64url } from '@parley/protocol';
import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import type { HttpClient } from '../transport/http-client.ts';

type StoredPackage = Readonly<{ keyPackage: Uint8Array; privatePackage: Uint8Array; lastResort: boolean }>;

const batch = 20;
/** Below this many one-shot packages on the server, the device publishes another batch. */
const lowWater = 5;
/** Packages are replaced this long before their lifetime ends, so a device offline for weeks stays reachable. */
const refreshBeforeMs = 30 * 24 * 3600 * 1000;
const publishedKey = 'kp-published';

/** When this device last published each kind, by the moment those packages should be replaced. */
type Published = { oneShotRefreshAt?: number; lastResortRefreshAt?: number };

/**
 * This device's KeyPackages: the private halves stay in the store (keyed by ref, so a Welcome can find its
 * package), the public halves are published. Private halves are stored before the upload, so a crash between
 * the two can only leave unused secrets, never a published package this device cannot open.
 */
export class KeyPackagePool {
  readonly #store: ClientStore;
  readonly #http: HttpClient;
  readonly #identity: DeviceIdentity;
  readonly #now: () => Date;
  #topping: Promise<void> | undefined;

  constructor(
    store: ClientStore,
    http: HttpClient,
    identity: DeviceIdentity,
    now: () => Date = () => new Date(),
  ) {
    this.#store = store;
    this.#http = http;
    this.#identity = identity;
    this.#now = now;
  }

  /**
   * Publishes a batch when few remain or the last batch nears the end of its lifetime, and a last-resort
   * package when the server has none or this device's nears its end.
   */
  topUp(): Promise<void> {
    this.#topping ??= this.#topUp().finally(() => {
      this.#topping = undefined;
    });
    return this.#topping;
  }

  async #topUp(): Promise<void> {
    const count = await this.#http.call('countKeyPackages');
    const now = this.#now();
    const published = await this.#published();
    // No record: packages published before they had a lifetime, so replace them with dated ones.
    const aging = (at: number | undefined) => at === undefined || now.getTime() >= at;
    const wanted =
      count.available < lowWater || aging(published.oneShotRefreshAt)
        ? Math.min(batch, limits.maxKeyPackagesPerUpload)
        : 0;
    const replaceLastResort = !count.lastResort || aging(published.lastResortRefreshAt);
    if (wanted === 0 && !replaceLastResort) return;
    const fresh = [];
    for (let i = 0; i < wanted; i++) fresh.push(await this.#create(false, now));
    const lastResort = replaceLastResort ? await this.#create(true, now) : undefined;
    await this.#http.call('uploadKeyPackages', {
      body: {
        keyPackages: fresh.map((p) => toBase64url(p.keyPackage)),
        ...(lastResort ? { lastResort: toBase64url(lastResort.keyPackage) } : {}),
      },
    });
    const refreshAt = (created: Readonly<{ notAfter: Date }> | undefined) =>
      created === undefined ? undefined : created.notAfter.getTime() - refreshBeforeMs;
    await putJson(this.#store, publishedKey, {
      ...published,
      ...(fresh[0] ? { oneShotRefreshAt: refreshAt(fresh[0]) } : {}),
      ...(lastResort ? { lastResortRefreshAt: refreshAt(lastResort) } : {}),
    });
  }

  async #published(): Promise<Published> {
    const raw = await getJson(this.#store, publishedKey);
    const published: Published = {};
    if (typeof raw !== 'object' || raw === null) return published;
    const oneShot: unknown = Reflect.get(raw, 'oneShotRefreshAt');
    const lastResort: unknown = Reflect.get(raw, 'lastResortRefreshAt');
    if (typeof oneShot === 'number') published.oneShotRefreshAt = oneShot;
    if (typeof lastResort === 'number') published.lastResortRefreshAt = lastResort;
    return published;
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

  async #create(lastResort: boolean, now: Date): Promise<CreatedKeyPackage> {
    const created = await createKeyPackage(this.#identity, { lastResort, now });
    await putJson(this.#store, keyOf(created.ref), {
      keyPackage: toBase64url(created.keyPackage),
      privatePackage: toBase64url(created.privatePackage),
      lastResort,
    });
    return created;
  }
}

const keyOf = (ref: string) => `kp/${ref}`;
