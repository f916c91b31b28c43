import type { Generated } from 'kysely';

/** One member account: a username, the account key that signs its device list, and that list. */
export type AccountsTable = {
  id: Generated<number>;
  username: string;
  account_key: Uint8Array;
  device_list_payload: Uint8Array;
  device_list_signature: Uint8Array;
  device_list_version: number;
  /** Self-declared at registration (ISO 3166-1 / 3166-2), or null. */
  jurisdiction: string | null;
  created_on: string;
};
