import type { AccountsTable } from './accounts.ts';
import type { AuthChallengesTable } from './auth-challenges.ts';
import type { DevicesTable } from './devices.ts';
import type { GroupMembersTable } from './group-members.ts';
import type { GroupMessagesTable } from './group-messages.ts';
import type { GroupsTable } from './groups.ts';
import type { KeyPackagesTable } from './key-packages.ts';
import type { LogCheckpointsTable } from './log-checkpoints.ts';
import type { LogCosignaturesTable } from './log-cosignatures.ts';
import type { LogEntriesTable } from './log-entries.ts';
import type { LogKeysTable } from './log-keys.ts';
import type { LogQueueTable } from './log-queue.ts';
import type { LogTilesTable } from './log-tiles.ts';
import type { SessionsTable } from './sessions.ts';

/** The whole database as the server sees it. Every column is listed in docs/data-inventory.md. */
export type Database = {
  accounts: AccountsTable;
  devices: DevicesTable;
  auth_challenges: AuthChallengesTable;
  sessions: SessionsTable;
  key_packages: KeyPackagesTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_messages: GroupMessagesTable;
  log_queue: LogQueueTable;
  log_entries: LogEntriesTable;
  log_tiles: LogTilesTable;
  log_checkpoints: LogCheckpointsTable;
  log_cosignatures: LogCosignaturesTable;
  log_keys: LogKeysTable;
};
