/**
 * A proposed reset of a staff member's or officer's TOTP secret; it takes effect only when a second policy
 * admin confirms it before `expires_at`. Closed rows stay as the record of who asked, who confirmed, and why.
 */
export type GovTotpResetsTable = {
  id: string;
  person_kind: 'staff' | 'officer';
  person_id: string;
  reason: string;
  proposed_by: string;
  proposed_at: Date;
  expires_at: Date;
  closed_as: 'confirmed' | 'cancelled' | 'expired' | null;
  closed_by: string | null;
  closed_at: Date | null;
};
