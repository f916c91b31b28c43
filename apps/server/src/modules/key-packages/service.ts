import { decodeDeviceList, fromBase64url, keyPackageLifetime, limits, toBase64url } from '@parley/protocol';
import { type Clock, dayOf } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import { RateLimiter } from '../../http/rate-limit.ts';
import type { Notifier } from '../../notifier.ts';
import type { AccountService } from '../accounts/service.ts';
import { type DatedPackage, keyPackageStore } from './store.ts';

/** The key-package directory: devices publish MLS KeyPackages, others claim them to add the device to groups. */
export class KeyPackageService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #accounts: AccountService;
  readonly #notify: Notifier;
  /** Claims consume other people's packages, so each device may claim only so fast. */
  readonly #claims = new RateLimiter(2, 60);

  constructor(db: Db, clock: Clock, accounts: AccountService, notify: Notifier) {
    this.#db = db;
    this.#clock = clock;
    this.#accounts = accounts;
    this.#notify = notify;
  }

  async upload(
    auth: Readonly<{ deviceId: string; username: string }>,
    body: Readonly<{ keyPackages: readonly string[]; lastResort?: string | undefined }>,
  ) {
    const { deviceId } = auth;
    const now = this.#clock.now();
    const packages = body.keyPackages.map((p) => decodePackage(p, now));
    const lastResort = body.lastResort === undefined ? undefined : decodePackage(body.lastResort, now);
    await this.#db.transaction().execute(async (tx) => {
      const { available } = await keyPackageStore.count(tx, deviceId, dayOf(now));
      if (available + packages.length > limits.maxKeyPackagesPerDevice)
        throw new ApiError('too_many_key_packages');
      await keyPackageStore.insert(tx, deviceId, packages);
      if (lastResort) await keyPackageStore.replaceLastResort(tx, deviceId, lastResort);
    });
    this.#notify.keyPackagesPublished(auth.username, deviceId);
    return this.count(deviceId);
  }

  async count(deviceId: string) {
    return keyPackageStore.count(this.#db, deviceId, dayOf(this.#clock.now()));
  }

  /** Deletes packages whose lifetime has ended; no one may be handed them any more. */
  async sweep(): Promise<number> {
    return keyPackageStore.deleteExpired(this.#db, dayOf(this.#clock.now()));
  }

  /** One package for every device in the account's signed list that has one. */
  async claim(claimer: string, username: string, deviceIds?: readonly string[]) {
    if (!this.#claims.take(claimer)) throw new ApiError('rate_limited');
    const account = await this.#accounts.get(username);
    const decoded = decodeDeviceList(account.deviceList);
    if (!decoded) throw new ApiError('internal');
    const today = dayOf(this.#clock.now());
    const keyPackages = await this.#db.transaction().execute(async (tx) => {
      const claimed = [];
      const wanted = deviceIds ? new Set(deviceIds) : undefined;
      for (const device of decoded.list.devices.filter((d) => !wanted || wanted.has(d.deviceId))) {
        const row = await keyPackageStore.claim(tx, device.deviceId, today);
        if (row)
          claimed.push({
            deviceId: device.deviceId,
            keyPackage: toBase64url(row.package),
            lastResort: row.last_resort,
          });
      }
      return claimed;
    });
    if (keyPackages.length === 0) throw new ApiError('no_key_package');
    return { account, keyPackages };
  }
}

/**
 * A package whose MLS lifetime has not ended and spans at most maxKeyPackageLifetimeSeconds. It is kept until
 * the start of the UTC day its lifetime ends, never later.
 */
function decodePackage(text: string, now: Date): DatedPackage {
  const bytes = fromBase64url(text);
  if (bytes.length === 0 || bytes.length > limits.maxKeyPackageBytes)
    throw new ApiError('key_package_invalid');
  const lifetime = keyPackageLifetime(bytes);
  const seconds = BigInt(Math.floor(now.getTime() / 1000));
  if (
    !lifetime ||
    lifetime.notAfter <= seconds ||
    lifetime.notAfter - lifetime.notBefore > BigInt(limits.maxKeyPackageLifetimeSeconds)
  )
    throw new ApiError('key_package_invalid');
  return { bytes, expiresOn: dayOf(new Date(Number(lifetime.notAfter) * 1000)) };
}
