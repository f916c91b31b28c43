import { decodeDeviceList, fromBase64url, limits, toBase64url } from '@parley/protocol';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import { RateLimiter } from '../../http/rate-limit.ts';
import type { Notifier } from '../../notifier.ts';
import type { AccountService } from '../accounts/service.ts';
import { keyPackageStore } from './store.ts';

/** The key-package directory: devices publish MLS KeyPackages, others claim them to add the device to groups. */
export class KeyPackageService {
  readonly #db: Db;
  readonly #accounts: AccountService;
  readonly #notify: Notifier;
  /** Claims consume other people's packages, so each device may claim only so fast. */
  readonly #claims = new RateLimiter(2, 60);

  constructor(db: Db, accounts: AccountService, notify: Notifier) {
    this.#db = db;
    this.#accounts = accounts;
    this.#notify = notify;
  }

  async upload(
    auth: Readonly<{ deviceId: string; username: string }>,
    body: Readonly<{ keyPackages: readonly string[]; lastResort?: string | undefined }>,
  ) {
    const { deviceId } = auth;
    const packages = body.keyPackages.map(decodePackage);
    const lastResort = body.lastResort === undefined ? undefined : decodePackage(body.lastResort);
    await this.#db.transaction().execute(async (tx) => {
      const { available } = await keyPackageStore.count(tx, deviceId);
      if (available + packages.length > limits.maxKeyPackagesPerDevice)
        throw new ApiError('too_many_key_packages');
      await keyPackageStore.insert(tx, deviceId, packages);
      if (lastResort) await keyPackageStore.replaceLastResort(tx, deviceId, lastResort);
    });
    this.#notify.keyPackagesPublished(auth.username, deviceId);
    return keyPackageStore.count(this.#db, deviceId);
  }

  async count(deviceId: string) {
    return keyPackageStore.count(this.#db, deviceId);
  }

  /** One package for every device in the account's signed list that has one. */
  async claim(claimer: string, username: string, deviceIds?: readonly string[]) {
    if (!this.#claims.take(claimer)) throw new ApiError('rate_limited');
    const account = await this.#accounts.get(username);
    const decoded = decodeDeviceList(account.deviceList);
    if (!decoded) throw new ApiError('internal');
    const keyPackages = await this.#db.transaction().execute(async (tx) => {
      const claimed = [];
      const wanted = deviceIds ? new Set(deviceIds) : undefined;
      for (const device of decoded.list.devices.filter((d) => !wanted || wanted.has(d.deviceId))) {
        const row = await keyPackageStore.claim(tx, device.deviceId);
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

function decodePackage(text: string): Uint8Array {
  const bytes = fromBase64url(text);
  if (bytes.length === 0 || bytes.length > limits.maxKeyPackageBytes)
    throw new ApiError('key_package_invalid');
  return bytes;
}
