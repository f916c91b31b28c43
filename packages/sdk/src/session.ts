import type { DeviceEntry } from '@parley/protocol';
import type { EventHub } from './events.ts';
import { AccountDirectory } from './identity/account-directory.ts';
import { coalesced } from './identity/coalesced.ts';
import { ContactTrust } from './identity/contact-trust.ts';
import { type LocalIdentity, mlsIdentity } from './identity/device-identity.ts';
import { KeyTransparency, type WitnessPolicy } from './identity/key-transparency.ts';
import { OwnAccountMonitor } from './identity/own-account-monitor.ts';
import { TrustSync } from './identity/trust-sync.ts';
import { ConversationRecords } from './messaging/conversation-records.ts';
import { GroupEngine } from './messaging/group-engine.ts';
import { KeyPackagePool } from './messaging/key-package-pool.ts';
import { Membership } from './messaging/membership.ts';
import { Outbox } from './messaging/outbox.ts';
import { sendText } from './messaging/send-text.ts';
import type { ClientStore } from './store/client-store.ts';
import type { HttpClient } from './transport/http-client.ts';

/** Everything one device's client works with once its identity is known. */
export type Session = Readonly<{
  identity: LocalIdentity;
  directory: AccountDirectory;
  transparency: KeyTransparency;
  /** Checks this account's own directory entry on start and at every new epoch. */
  ownAccount: OwnAccountMonitor;
  records: ConversationRecords;
  keyPackages: KeyPackagePool;
  engine: GroupEngine;
  outbox: Outbox;
  membership: Membership;
  trust: ContactTrust;
  trustSync: TrustSync;
}>;

export type SessionDeps = Readonly<{
  identity: LocalIdentity;
  store: ClientStore;
  http: HttpClient;
  events: EventHub;
  clock: () => number;
  ack: (groupId: string, seq: number) => void;
  /** Whether the socket is open now. */
  connected: () => boolean;
  /** What a key directory checkpoint needs before any lookup under it is believed. */
  witnesses?: WitnessPolicy;
}>;

/** How long a contact waits (times 1–2, at random) for the owner's devices to remove a revoked device. */
const contactRemovalGraceMs = 5_000;

/**
 * Wires a device's parts in dependency order. The directory's change events reach the membership built
 * after it through `removeRevoked`, which is why that one is late-bound.
 */
export function createSession(deps: SessionDeps): Session {
  const { identity, store, http, events, clock } = deps;
  let membership: Membership | undefined;
  let trustSync: TrustSync | undefined;
  let ownAccount: OwnAccountMonitor | undefined;
  const recheckPending = coalesced(async () => {
    for (const username of await transparency.pendingUsernames())
      await directory.recheck(username).catch(() => undefined);
  });
  const transparency = new KeyTransparency(
    http,
    store,
    () => {
      void ownAccount?.check();
      void recheckPending();
    },
    (username, state) => events.emit({ type: 'key-transparency', username, state }),
    deps.witnesses,
  );
  const share = (username: string) => void trustSync?.shareContact(username).catch(() => undefined);
  const prune = (username: string) => void membership?.removeRevoked([username]).catch(() => undefined);
  // The account's own devices remove a revoked device at once; contacts give them a few seconds first, so
  // a group does not see one removal commit attempted by every member.
  const pruneLater = (username: string) => {
    if (username === identity.username) return prune(username);
    const timer = setTimeout(() => prune(username), contactRemovalGraceMs * (1 + Math.random()));
    if (typeof timer === 'object' && 'unref' in timer) timer.unref();
  };
  const directory = new AccountDirectory(
    http,
    store,
    {
      changed: (before, after) => {
        if (!before) return share(after.username);
        for (const device of after.list.devices) {
          if (!before.list.devices.some((d) => d.deviceId === device.deviceId)) {
            events.emit({ type: 'device-added', username: after.username, deviceId: device.deviceId });
          }
        }
        const kept = (d: DeviceEntry) =>
          after.list.devices.some((a) => a.deviceId === d.deviceId && a.signatureKey === d.signatureKey);
        if (!before.list.devices.every(kept)) pruneLater(after.username);
      },
      refused: (error) =>
        events.emit({ type: 'security-alert', problem: error.problem, username: error.username }),
    },
    transparency,
    {
      username: identity.username,
      ...(identity.account ? { accountKey: identity.account.publicKey } : {}),
    },
  );
  ownAccount = new OwnAccountMonitor(identity, directory, transparency, (problem) =>
    events.emit({ type: 'security-alert', problem, username: identity.username }),
  );
  const records = new ConversationRecords(store);
  const mls = mlsIdentity(identity);
  const keyPackages = new KeyPackagePool(store, http, mls, () => new Date(clock()));
  const engine = new GroupEngine({
    http,
    records,
    identity: mls,
    directory,
    keyPackages,
    events,
    ack: deps.ack,
    revoked: prune,
    clock,
    trustShared: async (...args) => trustSync?.received(...args),
    accountGroupJoined: async (groupId) => trustSync?.joined(groupId),
  });
  membership = new Membership({
    http,
    engine,
    records,
    directory,
    events,
    self: { username: identity.username, deviceId: identity.deviceId, identity: mls },
    ownDevicesAdded: async (groupId) => trustSync?.ownDevicesAdded(groupId),
  });
  const trust = new ContactTrust(directory, store, identity.username, clock);
  trustSync = new TrustSync({
    self: identity.username,
    deviceId: identity.deviceId,
    store,
    directory,
    trust,
    engine,
    membership,
    events,
  });
  const self = { username: identity.username, deviceId: identity.deviceId };
  const outbox = new Outbox({
    store,
    deliver: (pending) => sendText(engine, records, self, pending),
    sent: (pending, message) => events.emit({ type: 'sent', pendingId: pending.id, message }),
    refused: (pending, error) =>
      events.emit({
        type: 'unsent',
        pending,
        reason: error instanceof Error ? error.message : String(error),
      }),
    connected: deps.connected,
  });
  return {
    outbox,
    identity,
    directory,
    transparency,
    ownAccount,
    records,
    keyPackages,
    engine,
    membership,
    trust,
    trustSync,
  };
}
