/** Witness cosignatures (cosignature/v1 signature lines), verified before they are stored. Append-only. */
export type LogCosignaturesTable = {
  checkpoint_id: number;
  /** The witness's key name. */
  witness: string;
  /** The signature line exactly as it is appended to the checkpoint note. */
  line: string;
  received_at: Date;
};
