import type { Generated } from 'kysely';
/** An officer of an agency, signing in with an argon2id password and TOTP. */
export type GovOfficersTable = {
  id: string;
  agency_id: string;
  email: string;
  name: string;
  password_hash: string;
  totp_secret: string;
  totp_last_step: Generated<number>;
  created_by: string;
  created_at: Date;
  /** Set while a policy admin has disabled the account: sign-in refused, no sessions. */
  disabled_at: Date | null;
  disabled_by: string | null;
  /** Set when the officer's agency was withdrawn: no sign-in ever again, the e-mail address is free. */
  retired_at: Date | null;
};
