/** Witness cosignatures (cosignature/v1 signature lines) of an epoch's checkpoint, verified before they are stored. */
export type KtCosignaturesTable = {
  /** The epoch whose checkpoint (epoch log size epoch + 1) the witness cosigned. */
  epoch: number;
  /** The witness's key name. */
  witness: string;
  /** The signature line exactly as it is appended to the checkpoint note. */
  line: string;
  received_at: Date;
};
