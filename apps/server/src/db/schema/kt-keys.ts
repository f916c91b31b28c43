/** The key directory's secrets, created on first start and shared by every server process. Append-only. */
export type KtKeysTable = {
  /** The epoch log's origin line, also the note key's name. */
  origin: string;
  /**
   * 32-byte seed of the VRF key that turns usernames into labels (base64url), sealed under the
   * key-encryption key when the server has one; its compromise reveals which names exist.
   */
  vrf_secret: string;
  /** C2SP skey text of the key that signs the epoch log's checkpoints, sealed like `vrf_secret`. */
  note_skey: string;
  /** The matching vkey, served to clients. */
  note_vkey: string;
  created_at: Date;
};
