import type { DeviceIdentity } from '@parley/crypto';
import type { EventHub } from '../events.ts';
import type { AccountDirectory } from '../identity/account-directory.ts';
import type { HttpClient } from '../transport/http-client.ts';
import type { ConversationRecords, GroupRecord } from './conversation-records.ts';
import type { KeyPackagePool } from './key-package-pool.ts';
import type { TrustEntry } from './payload.ts';

export type GroupEngineDeps = Readonly<{
  http: HttpClient;
  records: ConversationRecords;
  identity: DeviceIdentity;
  directory: AccountDirectory;
  keyPackages: KeyPackagePool;
  events: EventHub;
  /** Tells the server the device has durably processed everything up to `seq` in the group. */
  ack: (groupId: string, seq: number) => void;
  /** A member device is no longer in its account's signed list: have it removed from the conversations. */
  revoked: (username: string) => void;
  /** Milliseconds since the epoch (tests move it to check routine key updates). */
  clock: () => number;
  /** This device joined its account's own group of its devices (it is not shown as a conversation). */
  accountGroupJoined: (groupId: string) => Promise<void>;
  /** What a device of `from` shared about its contacts, in a conversation of these members. */
  trustShared: (from: string, members: string[], entries: readonly TrustEntry[]) => Promise<void>;
}>;

/** What the engine's helpers (joining, rejoining) use of it: the group records it keeps, and its clock. */
export interface GroupRecordKeeper {
  save(groupId: string, record: GroupRecord): Promise<void>;
  now(): number;
}
