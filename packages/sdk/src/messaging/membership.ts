import {
  ACCOUNT_GROUP_EXTENSION,
  addMembers,
  adminsExtension,
  CryptoError,
  createGroup,
  type Group,
  keyPackageDevice,
  members,
  removeMembers,
  setContextExtension,
  UnauthorizedMemberError,
} from '@parley/crypto';
import { type DeviceEntry, fromBase64url, toBase64url } from '@parley/protocol';
import type { EventHub } from '../events.ts';
import type { AccountDirectory } from '../identity/account-directory.ts';
import { randomId } from '../identity/random-id.ts';
import { ParleyApiError } from '../transport/api-error.ts';
import type { HttpClient } from '../transport/http-client.ts';
import type { ConversationRecords } from './conversation-records.ts';
import { adminsOf } from './conversation-roles.ts';
import type { GroupEngine } from './group-engine.ts';

export type MembershipDeps = Readonly<{
  http: HttpClient;
  engine: GroupEngine;
  records: ConversationRecords;
  directory: AccountDirectory;
  events: EventHub;
  self: Readonly<{ username: string; deviceId: string; identity: Parameters<typeof createGroup>[0] }>;
  /** This account's other devices were added to the conversation. */
  ownDevicesAdded: (groupId: string) => Promise<void>;
}>;

type Claimed = Readonly<{ deviceId: string; keyPackage: Uint8Array }>;

/** Conversation membership: creating groups, adding every device of an account, removing an account. */
export class Membership {
  readonly #deps: MembershipDeps;

  constructor(deps: MembershipDeps) {
    this.#deps = deps;
  }

  /** A conversation; with `accountGroup`, the account's own group of its devices (no one else may join). */
  async create(name: string, usernames: readonly string[], accountGroup = false): Promise<string> {
    const { http, engine, records, directory, self } = this.#deps;
    const others = accountGroup ? [] : [...new Set(usernames.filter((u) => u !== self.username))];
    // Every account must exist and verify before anything is created, so a typo leaves nothing behind.
    for (const username of others) await directory.get(username, { refresh: true });
    const groupId = randomId();
    const context = [adminsExtension([self.username])];
    if (accountGroup) context.push({ type: ACCOUNT_GROUP_EXTENSION, data: new Uint8Array(0) });
    const group = await createGroup(self.identity, fromBase64url(groupId), directory, context);
    await http.call('createGroup', { body: { groupId } });
    await engine.run(groupId, async () => {
      await records.saveConversation({ id: groupId, name, status: 'active' });
      await engine.save(groupId, { group, lastSeq: 0, ownSeqs: [], keysUpdatedAt: engine.now() });
    });
    try {
      await this.addAccounts(groupId, [self.username, ...others]);
    } catch (error) {
      // Nobody else can be in it yet: forget it rather than list a conversation the user never got.
      await engine.run(groupId, () => records.forget(groupId));
      throw error;
    }
    return groupId;
  }

  /**
   * Adds every device of these accounts that is not yet a member (for this device's own account, the other
   * devices). Each credential is checked against its account's signed list before the commit is built.
   * Returns how many devices were added; devices without a KeyPackage are skipped.
   */
  async addAccounts(groupId: string, usernames: readonly string[]): Promise<number> {
    const { engine } = this.#deps;
    return engine.run(groupId, async () => {
      const record = await engine.load(groupId);
      if (!record) throw new Error(`unknown conversation ${groupId}`);
      const claimed: Claimed[] = [];
      for (const username of usernames) claimed.push(...(await this.#claim(groupId, username, record.group)));
      if (claimed.length === 0) return 0;
      let count = 0;
      await engine.commit(groupId, async (group) => {
        const roster = new Set(members(group).map((m) => m.deviceId));
        const fresh = claimed.filter((c) => !roster.has(c.deviceId));
        if (fresh.length === 0) return undefined;
        const result = await addMembers(
          group,
          fresh.map((c) => c.keyPackage),
          this.#deps.directory,
        );
        count = result.added.length;
        return { ...result, removed: [] };
      });
      if (count > 0) await this.#announceName(groupId);
      return count;
    });
  }

  /** Removes every device of the account in one commit. */
  async removeAccount(groupId: string, username: string): Promise<boolean> {
    const { engine } = this.#deps;
    return engine.run(groupId, () =>
      engine.commit(groupId, async (group) => {
        const devices = members(group).filter((m) => m.username === username);
        if (devices.length === 0) return undefined;
        return { ...(await removeMembers(group, devices)), added: [] };
      }),
    );
  }

  /** Names another member an admin (only an admin may; the server and every member check). */
  async makeAdmin(groupId: string, username: string): Promise<boolean> {
    const { engine } = this.#deps;
    return engine.run(groupId, () =>
      engine.commit(groupId, async (group) => {
        const admins = adminsOf(group);
        if (admins.includes(username)) return undefined;
        if (!members(group).some((m) => m.username === username))
          throw new Error(`${username} is not a member of this conversation`);
        const result = await setContextExtension(group, adminsExtension([...admins, username]));
        return { ...result, added: [], removed: [] };
      }),
    );
  }

  /**
   * Removes from every active conversation the devices of these accounts that their signed lists no longer
   * name (or name with another key): a lost or stolen device is cut off by the first member to see the new
   * list. Returns how many devices were removed. Losing a commit race to another member doing the same is
   * harmless: the rebuilt commit finds nothing left to remove.
   */
  async removeRevoked(usernames: readonly string[]): Promise<number> {
    const { engine, directory, records } = this.#deps;
    const lists = new Map<string, readonly DeviceEntry[]>();
    for (const username of new Set(usernames))
      lists.set(username, (await directory.get(username)).list.devices);
    let count = 0;
    for (const conversation of await records.conversations()) {
      if (conversation.status !== 'active') continue;
      let removed = 0;
      const committed = await engine.run(conversation.id, () =>
        engine.commit(conversation.id, async (group) => {
          const revoked = members(group).filter((m) => {
            const listed = lists.get(m.username);
            if (!listed) return false;
            const entry = listed.find((d) => d.deviceId === m.deviceId);
            return entry === undefined || entry.signatureKey !== toBase64url(m.signatureKey);
          });
          if (revoked.length === 0) return undefined;
          const result = await removeMembers(group, revoked);
          removed = result.removed.length;
          return { ...result, added: [] };
        }),
      );
      if (committed) count += removed;
    }
    return count;
  }

  /**
   * Lists may have shrunk while this device was offline (no `device-list-changed` reached it): fetches the
   * current list of everyone it shares a conversation with and removes what they revoked.
   */
  async checkRosters(): Promise<void> {
    const contacts = await this.contacts();
    const checked: string[] = [];
    for (const username of contacts) {
      // A list that fails to verify was reported by the directory; the others are still checked.
      const fresh = await this.#deps.directory.get(username, { refresh: true }).catch(() => undefined);
      if (fresh) checked.push(username);
    }
    await this.removeRevoked(checked);
  }

  /** Every account this device shares an active conversation with, itself included. */
  async contacts(): Promise<string[]> {
    const { engine, records } = this.#deps;
    const names = new Set<string>();
    for (const conversation of await records.conversations()) {
      if (conversation.status !== 'active') continue;
      const record = await engine.load(conversation.id);
      for (const m of record ? members(record.group) : []) names.add(m.username);
    }
    return [...names];
  }

  /** Adds this account's other devices (e.g. one just linked) to every active conversation that lacks them. */
  async syncOwnDevices(): Promise<void> {
    for (const conversation of await this.#deps.records.conversations()) {
      if (conversation.status !== 'active') continue;
      try {
        if ((await this.addAccounts(conversation.id, [this.#deps.self.username])) > 0)
          await this.#deps.ownDevicesAdded(conversation.id);
      } catch {
        // Retried on the next `synced` or `key-packages-published`.
      }
    }
  }

  /** New members learn the conversation's name from an encrypted meta message, never from the server. */
  async #announceName(groupId: string): Promise<void> {
    const conversation = await this.#deps.records.conversation(groupId);
    if (conversation?.name)
      await this.#deps.engine.sendPayload(groupId, { v: 1, t: 'meta', name: conversation.name });
  }

  /**
   * Claims a KeyPackage for each of the account's listed devices not yet in the group. The server chooses
   * what it hands out, so each package must speak for exactly the device asked for, with the key that
   * device has in the account's signed list; anything else is refused and reported, never added.
   */
  async #claim(groupId: string, username: string, group: Group): Promise<Claimed[]> {
    const { http, directory, events, self } = this.#deps;
    const account = await directory.get(username, { refresh: true });
    const roster = new Set(members(group).map((m) => m.deviceId));
    const missing = account.list.devices
      .map((d) => d.deviceId)
      .filter((id) => id !== self.deviceId && !roster.has(id));
    if (missing.length === 0) return [];
    try {
      const claimed = await http.call('claimKeyPackages', { body: { username, deviceIds: missing } });
      const listed = (await directory.accept(claimed.account)).list.devices;
      return claimed.keyPackages.map((k) => {
        const keyPackage = fromBase64url(k.keyPackage);
        const entry = listed.find((d) => d.deviceId === k.deviceId);
        if (!missing.includes(k.deviceId) || !entry || !speaksFor(keyPackage, username, entry)) {
          events.emit({
            type: 'security-alert',
            problem: 'key-package-substituted',
            username,
            conversationId: groupId,
          });
          throw new UnauthorizedMemberError(
            `the server offered a KeyPackage that is not ${username}'s listed device ${k.deviceId}`,
          );
        }
        return { deviceId: k.deviceId, keyPackage };
      });
    } catch (error) {
      if (error instanceof ParleyApiError && error.code === 'no_key_package') return [];
      throw error;
    }
  }
}

/** The package's credential is this account's device and its signature key is the one the signed list names. */
function speaksFor(keyPackage: Uint8Array, username: string, entry: DeviceEntry): boolean {
  try {
    const device = keyPackageDevice(keyPackage);
    return (
      device !== undefined &&
      device.username === username &&
      device.deviceId === entry.deviceId &&
      toBase64url(device.signatureKey) === entry.signatureKey
    );
  } catch (error) {
    if (error instanceof CryptoError) return false;
    throw error;
  }
}
