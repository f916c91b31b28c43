import { addMembers, createGroup, type Group, members, removeMembers } from '@parley/crypto';
import { fromBase64url } from '@parley/protocol';
import type { EventHub } from '../events.ts';
import type { AccountDirectory } from '../identity/account-directory.ts';
import { randomId } from '../identity/random-id.ts';
import { ParleyApiError } from '../transport/api-error.ts';
import type { HttpClient } from '../transport/http-client.ts';
import type { ConversationRecords } from './conversation-records.ts';
import type { GroupEngine } from './group-engine.ts';

export type MembershipDeps = Readonly<{
  http: HttpClient;
  engine: GroupEngine;
  records: ConversationRecords;
  directory: AccountDirectory;
  events: EventHub;
  self: Readonly<{ username: string; deviceId: string; identity: Parameters<typeof createGroup>[0] }>;
}>;

type Claimed = Readonly<{ deviceId: string; keyPackage: Uint8Array }>;

/** Conversation membership: creating groups, adding every device of an account, removing an account. */
export class Membership {
  readonly #deps: MembershipDeps;

  constructor(deps: MembershipDeps) {
    this.#deps = deps;
  }

  async create(name: string, usernames: readonly string[]): Promise<string> {
    const { http, engine, records, directory, self } = this.#deps;
    const groupId = randomId();
    const group = await createGroup(self.identity, fromBase64url(groupId), directory);
    await http.call('createGroup', { body: { groupId } });
    await engine.run(groupId, async () => {
      await records.saveConversation({ id: groupId, name, status: 'active' });
      await engine.save(groupId, { group, lastSeq: 0, ownSeqs: [] });
    });
    const others = usernames.filter((u) => u !== self.username);
    await this.addAccounts(groupId, [self.username, ...new Set(others)]);
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
      for (const username of usernames) claimed.push(...(await this.#claim(username, record.group)));
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
        return {
          commit: result.commit,
          welcome: result.welcome,
          next: result.next,
          added: result.added,
          removed: [],
        };
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
        const result = await removeMembers(group, devices);
        return { commit: result.commit, next: result.next, added: [], removed: result.removed };
      }),
    );
  }

  /** Adds this account's other devices (e.g. one just linked) to every active conversation that lacks them. */
  async syncOwnDevices(): Promise<void> {
    for (const conversation of await this.#deps.records.conversations()) {
      if (conversation.status !== 'active') continue;
      try {
        await this.addAccounts(conversation.id, [this.#deps.self.username]);
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

  async #claim(username: string, group: Group): Promise<Claimed[]> {
    const { http, directory, self } = this.#deps;
    const account = await directory.get(username, { refresh: true });
    const roster = new Set(members(group).map((m) => m.deviceId));
    const missing = account.list.devices
      .map((d) => d.deviceId)
      .filter((id) => id !== self.deviceId && !roster.has(id));
    if (missing.length === 0) return [];
    try {
      const claimed = await http.call('claimKeyPackages', { body: { username, deviceIds: missing } });
      await directory.accept(claimed.account);
      return claimed.keyPackages
        .filter((k) => missing.includes(k.deviceId))
        .map((k) => ({ deviceId: k.deviceId, keyPackage: fromBase64url(k.keyPackage) }));
    } catch (error) {
      if (error instanceof ParleyApiError && error.code === 'no_key_package') return [];
      throw error;
    }
  }
}
