import { verifyWithLabel } from '@parley/crypto/node';
import {
  type Account,
  type DecodedDeviceList,
  fromBase64url,
  inspectDeviceList,
  limits,
  type SignedDeviceList,
  toBase64url,
} from '@parley/protocol';
import { type Clock, dayOf } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ApiError } from '../../errors.ts';
import type { Notifier } from '../../notifier.ts';
import type { AccountKeys } from '../key-directory/service.ts';
import { type AccountRow, accountStore } from './store.ts';

/** Bounds the memory of `touch`: past this many devices in a day, it starts again from none. */
const maxRememberedTouches = 200_000;

/** Where accepted account keys and device lists go, so the key directory publishes them. */
export interface KeyEventSink {
  /** Stages the account's new keys inside the transaction that changes them. */
  stage(tx: Db, keys: AccountKeys): Promise<void>;
  /** Runs after that transaction committed. */
  changed(): Promise<void>;
}

/** Accounts and their signed device lists. */
export class AccountService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #notify: Notifier;
  readonly #keyEvents: KeyEventSink;
  readonly #touched = new Set<string>();
  #touchedOn = '';

  constructor(db: Db, clock: Clock, notify: Notifier, keyEvents: KeyEventSink) {
    this.#db = db;
    this.#clock = clock;
    this.#notify = notify;
    this.#keyEvents = keyEvents;
  }

  async register(
    body: Readonly<{ accountKey: string; deviceList: SignedDeviceList; jurisdiction: string | null }>,
  ) {
    const accountKey = fromBase64url(body.accountKey);
    const decoded = verifiedList(accountKey, body.deviceList);
    if (decoded.list.version !== 1)
      throw new ApiError('device_list_stale', 'A new account’s device list has version 1.');
    const today = dayOf(this.#clock.now());
    try {
      await this.#db.transaction().execute(async (tx) => {
        const id = await accountStore.insert(
          tx,
          {
            username: decoded.list.username,
            accountKey,
            list: { payload: decoded.payload, signature: decoded.signature, version: 1 },
            jurisdiction: body.jurisdiction,
          },
          today,
        );
        await accountStore.syncDevices(tx, id, decoded.list.devices, today);
        await this.#keyEvents.stage(tx, { username: decoded.list.username, accountKey, deviceList: decoded });
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const taken = await accountStore.byUsername(this.#db, decoded.list.username);
      throw taken
        ? new ApiError('username_taken')
        : new ApiError('device_list_invalid', 'A device id or key is already in use.');
    }
    await this.#keyEvents.changed();
    return this.get(decoded.list.username);
  }

  async get(username: string): Promise<Account> {
    const row = await accountStore.byUsername(this.#db, username);
    if (!row) throw new ApiError('not_found', 'No such account.');
    return present(row);
  }

  /**
   * Records that a device was active today (day granularity is all the server keeps). A device this process
   * already recorded today is skipped, so a login and its WebSocket cost one write a day, not a round trip each.
   */
  async touch(deviceId: string): Promise<void> {
    const today = dayOf(this.#clock.now());
    if (today !== this.#touchedOn) {
      this.#touched.clear();
      this.#touchedOn = today;
    }
    if (this.#touched.has(deviceId)) return;
    await accountStore.touchDevice(this.#db, deviceId, today);
    if (this.#touched.size >= maxRememberedTouches) this.#touched.clear();
    this.#touched.add(deviceId);
  }

  /** Replaces the caller's device list with a newer one signed by the account key. */
  async updateDeviceList(auth: Readonly<{ accountId: number; deviceId: string }>, signed: SignedDeviceList) {
    const today = dayOf(this.#clock.now());
    const { username, removed } = await this.#db.transaction().execute(async (tx) => {
      const row = await accountStore.byIdForUpdate(tx, auth.accountId);
      if (!row) throw new ApiError('unauthenticated');
      const decoded = verifiedList(row.account_key, signed);
      if (decoded.list.username !== row.username)
        throw new ApiError('device_list_invalid', 'The list names another account.');
      if (decoded.list.version !== row.device_list_version + 1) {
        throw new ApiError('device_list_stale', undefined, { currentVersion: row.device_list_version });
      }
      if (!decoded.list.devices.some((d) => d.deviceId === auth.deviceId))
        throw new ApiError('device_removed_self');
      const list = { payload: decoded.payload, signature: decoded.signature, version: decoded.list.version };
      await accountStore.setDeviceList(tx, row.id, list);
      await this.#keyEvents.stage(tx, {
        username: row.username,
        accountKey: row.account_key,
        deviceList: decoded,
      });
      try {
        const gone = await accountStore.syncDevices(tx, row.id, decoded.list.devices, today);
        return { username: row.username, removed: gone };
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ApiError('device_list_invalid', 'A device id or key is already in use.');
        throw error;
      }
    });
    await this.#keyEvents.changed();
    await this.#notify.deviceListChanged(username, removed);
    return this.get(username);
  }
}

function verifiedList(accountKey: Uint8Array, signed: SignedDeviceList): DecodedDeviceList {
  const decoded = inspectDeviceList(signed);
  if ('problem' in decoded) {
    if (decoded.problem === 'username') throw new ApiError('invalid_username');
    throw new ApiError(
      'device_list_invalid',
      `The device list is ${decoded.problem === 'malformed' ? 'malformed' : 'listing a device twice'}.`,
    );
  }
  if (decoded.list.devices.length > limits.maxDevicesPerAccount) throw new ApiError('too_many_devices');
  if (!verifyWithLabel('device-list', accountKey, decoded.payload, decoded.signature)) {
    throw new ApiError(
      'device_list_invalid',
      'The device list signature does not verify with the account key.',
    );
  }
  return decoded;
}

function present(row: AccountRow): Account {
  return {
    username: row.username,
    accountKey: toBase64url(row.account_key),
    deviceList: {
      payload: toBase64url(row.device_list_payload),
      signature: toBase64url(row.device_list_signature),
    },
  };
}
