/** A device listed in its account's signed device list; its key is also its MLS signature key. */
export type DevicesTable = {
  id: string;
  account_id: number;
  signature_key: Uint8Array;
  created_on: string;
  /** Day granularity only: the server keeps no finer record of when a device was active. */
  last_seen_on: string;
};
