import { toBase64url } from '@parley/protocol';
import type { EventHub } from '../events.ts';
import type { GroupEngine } from '../messaging/group-engine.ts';
import type { Membership } from '../messaging/membership.ts';
import type { TrustEntry } from '../messaging/payload.ts';
import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import type { AccountDirectory, VerifiedAccount } from './account-directory.ts';
import type { ContactTrust } from './contact-trust.ts';

const accountGroupKey = 'account-group';

export type TrustSyncDeps = Readonly<{
  self: string;
  deviceId: string;
  store: ClientStore;
  directory: AccountDirectory;
  trust: ContactTrust;
  engine: GroupEngine;
  membership: Membership;
  events: EventHub;
}>;

/**
 * Contact pins and verification marks shared between an account's devices, end to end: they travel in the
 * account's own conversation, an MLS group of its devices only that no contact is in and the apps do not
 * list. A device linked later gets everything at once when it is added; then each new pin and mark as it is
 * made. A pin learned this way binds the device as if it had pinned the key itself, so a server that shows
 * one device of the account another key than the others showed is refused (`account-key-changed`).
 */
export class TrustSync {
  readonly #deps: TrustSyncDeps;

  constructor(deps: TrustSyncDeps) {
    this.#deps = deps;
  }

  /** The account's own conversation, if this device has one. */
  async accountGroup(): Promise<string | undefined> {
    const id = await getJson(this.#deps.store, accountGroupKey);
    return typeof id === 'string' ? id : undefined;
  }

  /**
   * Creates the account's own conversation when this device has none and is the first device of its
   * account's signed list (the others are added to it, and adopt it at its first message).
   */
  async ensureAccountGroup(): Promise<void> {
    if (await this.accountGroup()) return;
    const own = await this.#deps.directory.get(this.#deps.self);
    if (own.list.devices[0]?.deviceId !== this.#deps.deviceId) return;
    const id = await this.#deps.membership.create('', [], true);
    await putJson(this.#deps.store, accountGroupKey, id);
    await this.#publish(await this.#snapshot());
  }

  /** Tells the account's other devices about a contact this device pinned or marked verified. */
  async shareContact(username: string): Promise<void> {
    if (username === this.#deps.self) return;
    const entry = await this.#entry(await this.#deps.directory.get(username));
    await this.#publish([entry]);
  }

  /** After this account's devices were added to a conversation: a new device of the account gets everything. */
  async ownDevicesAdded(conversationId: string): Promise<void> {
    if (conversationId === (await this.accountGroup())) await this.#publish(await this.#snapshot());
  }

  /** This device joined its account's own conversation (made by another device of the account). */
  async joined(conversationId: string): Promise<void> {
    if (!(await this.accountGroup())) await putJson(this.#deps.store, accountGroupKey, conversationId);
  }

  /** What another device of the account shared: heard only from this account, in a group of its devices alone. */
  async received(from: string, members: readonly string[], entries: readonly TrustEntry[]) {
    const { self, directory, events } = this.#deps;
    if (from !== self || members.some((m) => m !== self)) return;
    for (const entry of entries) {
      if (entry.username === self) continue;
      if (!(await directory.expect(entry.username, entry.accountKey))) {
        events.emit({ type: 'security-alert', problem: 'account-key-changed', username: entry.username });
        continue;
      }
      if (entry.verifiedOn)
        await this.#deps.trust.adoptMark(entry.username, entry.accountKey, entry.verifiedOn);
    }
  }

  async #entry(account: VerifiedAccount): Promise<TrustEntry> {
    const accountKey = toBase64url(account.accountKey);
    const verifiedOn = await this.#deps.trust.verifiedOn(account.username);
    return verifiedOn
      ? { username: account.username, accountKey, verifiedOn }
      : { username: account.username, accountKey };
  }

  async #snapshot(): Promise<TrustEntry[]> {
    const out: TrustEntry[] = [];
    for (const username of await this.#deps.directory.pinnedUsernames()) {
      if (username !== this.#deps.self) out.push(await this.#entry(await this.#deps.directory.get(username)));
    }
    return out;
  }

  async #publish(entries: readonly TrustEntry[]): Promise<void> {
    const id = await this.accountGroup();
    if (!id || entries.length === 0) return;
    const { engine } = this.#deps;
    await engine.run(id, () => engine.sendPayload(id, { v: 1, t: 'trust', entries }));
  }
}
