/** Every published epoch: its record (the epoch log's leaf) and the signed checkpoint of the log after it. */
export type KtEpochsTable = {
  epoch: number;
  record: Uint8Array;
  checkpoint: string;
  published_at: Date;
};
