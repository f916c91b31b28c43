import { z } from 'zod';
import { Agency, GovId } from './governance-schemas.ts';
import { multiLineText } from './text.ts';

/**
 * Wire schemas for taking access away at the level of a whole agency, and for resetting a person's
 * authenticator with two policy admins. Every change carries a reason a later reader of the audit can judge.
 */
const Reason = multiLineText(2000).trim().min(1, 'a reason is required');

export const AgencyStandingBody = z.strictObject({
  /** suspend: approved -> suspended; reinstate: suspended -> approved; withdraw: for good, from any standing. */
  action: z.enum(['suspend', 'reinstate', 'withdraw']),
  reason: Reason,
});
export const AgencyStandingChanged = z.strictObject({
  agency: Agency,
  /** How many officer sessions this change ended at once. */
  sessionsEnded: z.number().int().nonnegative(),
});

/** An agency's standing changes, oldest first: what was done, why, by which policy admin, when. */
export const AgencyStandingHistory = z.strictObject({
  changes: z.array(
    z.strictObject({
      action: z.enum(['suspend', 'reinstate', 'withdraw']),
      reason: z.string(),
      changedBy: GovId,
      changedAt: z.iso.datetime(),
    }),
  ),
});

export const Officer = z.strictObject({
  id: GovId,
  agencyId: GovId,
  email: z.string(),
  name: z.string(),
  disabled: z.boolean(),
  /** The agency was withdrawn: the account stays for history, its e-mail address is free again. */
  retired: z.boolean(),
});
export const OfficerList = z.strictObject({ officers: z.array(Officer) });

export const PersonRefSchema = z.strictObject({ kind: z.enum(['staff', 'officer']), id: GovId });
export const TotpResetBody = z.strictObject({ person: PersonRefSchema, reason: Reason });
export const TotpResetParams = z.strictObject({ resetId: GovId });
export const TotpReset = z.strictObject({
  id: GovId,
  person: PersonRefSchema,
  /** The staff username or officer e-mail, so a confirming admin sees whom they reset. */
  personName: z.string(),
  reason: z.string(),
  state: z.enum(['pending', 'confirmed', 'cancelled', 'expired']),
  proposedBy: GovId,
  proposedAt: z.iso.datetime(),
  /** A proposal not confirmed by then can no longer be confirmed (24 hours after it was made). */
  expiresAt: z.iso.datetime(),
  closedBy: GovId.nullable(),
  closedAt: z.iso.datetime().nullable(),
});
export const TotpResetList = z.strictObject({ resets: z.array(TotpReset) });
/** The new secret, shown once to the confirming admin to hand over; the server keeps no other copy to show. */
export const TotpResetConfirmed = z.strictObject({
  reset: TotpReset,
  totpSecret: z.string(),
  otpauthUri: z.string(),
  sessionsEnded: z.number().int().nonnegative(),
});
