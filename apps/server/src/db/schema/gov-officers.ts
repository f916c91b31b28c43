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
};
