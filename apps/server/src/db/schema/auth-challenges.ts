/** A single-use login challenge, deleted when used or expired. */
export type AuthChallengesTable = {
  challenge: Uint8Array;
  device_id: string;
  expires_at: Date;
};
