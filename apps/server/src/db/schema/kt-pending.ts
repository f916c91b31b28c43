/** Key events waiting for the next epoch: the newest account key and device list per username. */
export type KtPendingTable = {
  username: string;
  account_key: Uint8Array;
  /** The signed device list as the directory holds it: payload followed by its signature. */
  device_list: Uint8Array;
  queued_at: Date;
};
