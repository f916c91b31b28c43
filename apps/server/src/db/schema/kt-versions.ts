/** Every version of every directory entry, with the opening of its commitment (sent only to its lookups). */
export type KtVersionsTable = {
  username: string;
  version: number;
  epoch: number;
  account_key: Uint8Array;
  device_list: Uint8Array;
  opening: Uint8Array;
};
