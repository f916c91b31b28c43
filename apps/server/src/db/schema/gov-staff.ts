import type { Generated } from 'kysely';
import type { JsonColumn } from './gov-json.ts';

/** A staff member: roles, argon2id password hash, TOTP secret and the last TOTP step used (no replay). */
export type GovStaffTable = {
  id: string;
  username: string;
  display_name: string;
  roles: JsonColumn;
  password_hash: string;
  totp_secret: string;
  totp_last_step: Generated<number>;
  created_by: string | null;
  created_at: Date;
  /** Set while a policy admin has disabled the account: sign-in refused, no sessions. */
  disabled_at: Date | null;
  disabled_by: string | null;
};
