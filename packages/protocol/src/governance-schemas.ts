import { z } from 'zod';
import { authorityKinds, policyStatuses, staffRoles } from './governance-vocabulary.ts';
import { b64, Jurisdiction, Username } from './schemas.ts';
import { codeWord, hasForbiddenCharacter, multiLineText, singleLineText } from './text.ts';

/**
 * Wire schemas of the staff and officer API (government requests). The governance domain re-validates every
 * rule; these schemas bound sizes and shapes at the edge and describe the API in `/openapi.json`. Enumerations
 * the domain owns (data categories, reason codes, instrument types) travel as strings so the protocol stays
 * free of the domain; the server maps unknown values to specific errors.
 */
/** Prose (notes, statements, legal text) keeps its line breaks; names and sources are one line. */
export const Text = multiLineText(4000).trim().min(1);
export const Line = singleLineText(400).trim().min(1);
export const Code = codeWord(64);
export const Day = z.iso.date();
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256, 64 lower-case hex digits');
export const StaffRoleName = z.enum(staffRoles);
export const AuthorityKindName = z.enum(authorityKinds);
export const PolicyStatusName = z.enum(policyStatuses);
/** A case reference: `PR-<year>-<8 random base32 characters>`; private to Parley and the requesting agency. */
export const CaseReference = z
  .string()
  .regex(/^PR-\d{4}-[0-9A-Z]{8}$/, 'a case reference such as PR-2026-7KQ3M9XA');
/** Opaque ids of staff, officers, agencies, proposals, notices: 16 random bytes base64url. */
export const GovId = b64(16).length(22, 'must be 16 bytes base64url');
const EmailDomain = z.string().regex(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, 'a lower-case domain name');
const Email = z.email().max(254).toLowerCase();
const Password = z.string().min(12, 'at least 12 characters').max(1024);
const Totp = z.string().regex(/^\d{6}$/, 'the 6-digit code from the authenticator app');

export const StaffLoginBody = z.strictObject({
  username: Username,
  password: z.string().max(1024),
  totp: Totp,
});
export const OfficerLoginBody = z.strictObject({ email: Email, password: z.string().max(1024), totp: Totp });
export const GovSession = z.strictObject({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  kind: z.enum(['staff', 'officer']),
  id: GovId,
  roles: z.array(StaffRoleName),
  agencyId: GovId.nullable(),
});

export const CreateStaffBody = z.strictObject({
  username: Username,
  displayName: Line,
  roles: z.array(StaffRoleName).min(1).max(5),
  password: Password,
});
/** The TOTP secret is shown once, here; the server keeps it only to verify codes. */
export const StaffCreated = z.strictObject({
  id: GovId,
  username: Username,
  roles: z.array(StaffRoleName),
  totpSecret: z.string(),
  otpauthUri: z.string(),
});
export const StaffMember = z.strictObject({
  id: GovId,
  username: Username,
  displayName: z.string(),
  roles: z.array(StaffRoleName),
});
export const StaffList = z.strictObject({ staff: z.array(StaffMember) });

export const StaffParams = z.strictObject({ staffId: GovId });
export const OfficerParams = z.strictObject({ officerId: GovId });
/** Disable (sign-in refused, every session ended at once) or re-enable a staff member or officer. */
export const AccessBody = z.strictObject({ disabled: z.boolean() });
export const AccessState = z.strictObject({
  kind: z.enum(['staff', 'officer']),
  id: GovId,
  disabled: z.boolean(),
  /** How many live sessions this call ended. */
  sessionsEnded: z.number().int().nonnegative(),
});

export const CreateAgencyBody = z.strictObject({
  name: Line,
  kind: AuthorityKindName,
  jurisdiction: Jurisdiction,
  emailDomains: z.array(EmailDomain).min(1).max(20),
  /** For emergency call-backs; looked up by staff from an independent source, never taken from a request. */
  callbackNumber: z.string().regex(/^\+[0-9 ()-]{6,24}$/, 'an international number, e.g. +852 2860 2000'),
  callbackSource: Line.describe('where staff found the number independently (official directory, embassy)'),
});
/**
 * Whether an agency's officers may act: `pending` until a second staff member approves it, `suspended` while a
 * policy admin has paused that approval, `withdrawn` for good (the name may be registered again, as a new agency).
 */
export const AgencyStanding = z.enum(['pending', 'approved', 'suspended', 'withdrawn']);
export const Agency = z.strictObject({
  id: GovId,
  name: z.string(),
  kind: AuthorityKindName,
  jurisdiction: Jurisdiction,
  emailDomains: z.array(z.string()),
  callbackNumber: z.string(),
  callbackSource: z.string(),
  approved: z.boolean(),
  approvedAt: z.iso.datetime().nullable(),
  standing: AgencyStanding,
  /** Why the agency was last suspended, reinstated or withdrawn, and when; null while never changed. */
  standingReason: z.string().nullable(),
  standingChangedAt: z.iso.datetime().nullable(),
});
export const AgencyList = z.strictObject({ agencies: z.array(Agency) });
export const AgencyParams = z.strictObject({ agencyId: GovId });
export const CreateOfficerBody = z.strictObject({ email: Email, name: Line, password: Password });
export const OfficerCreated = z.strictObject({
  id: GovId,
  agencyId: GovId,
  email: z.string(),
  totpSecret: z.string(),
  otpauthUri: z.string(),
});

/** The legal document travels with the submission; the server hashes it and checks the stated SHA-256. */
export const LegalDocument = z.strictObject({
  mediaType: z.enum(['application/pdf', 'image/png', 'image/jpeg', 'text/plain']),
  content: b64(2 * 1024 * 1024),
});
/**
 * A submission. The fields are checked one by one by the governance domain so every problem gets its own
 * error code; see `Submission` in `/openapi.json` for the shape.
 */
export const SubmitRequestBody = z
  .looseObject({
    channel: z
      .enum(['direct', 'mlat', 'cloud_act_agreement', 'eu_production_order', 'letters_rogatory'])
      .default('direct'),
    document: z.unknown().optional(),
  })
  .superRefine((body, ctx) => {
    // A submission is a shallow document; a deeper one is refused before anything walks it recursively.
    if (exceedsDepth(body, maxSubmissionDepth)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `must not nest deeper than ${maxSubmissionDepth} levels`,
      });
      return;
    }
    // The domain checks each field's meaning; no string anywhere in it may carry a control character.
    for (const path of forbiddenTextPaths(body, [])) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: 'must not contain control characters other than newline and tab',
      });
    }
  });

const maxSubmissionDepth = 16;

/** Whether a JSON value nests objects or arrays deeper than `limit`, found without recursion. */
function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Paths of the strings (values or keys) in a JSON value that hold a character no free text accepts. */
function forbiddenTextPaths(value: unknown, path: (string | number)[]): (string | number)[][] {
  if (typeof value === 'string') return hasForbiddenCharacter(value, true) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => forbiddenTextPaths(v, [...path, i]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) =>
    hasForbiddenCharacter(k, false) ? [[...path, k]] : forbiddenTextPaths(v, [...path, k]),
  );
}
/** Documentation of the submission's fields (the domain is the validator). */
export const SubmissionShape = z.object({
  requestType: z.string(),
  targets: z.array(z.object({ username: Username.optional(), accountId: z.string().optional() })),
  dateRange: z.object({ from: Day, to: Day }),
  categories: z.array(z.string()),
  instrument: z.object({
    type: z.string(),
    issuer: Text,
    date: Day,
    signatory: Text,
    documentSha256: Sha256Hex,
  }),
  legalBasis: Text,
  offenceClassification: Text,
  attestation: z.object({ officialCapacity: z.literal(true), statement: Text }),
  emergency: z.object({ factualBasis: Text }).nullable().optional(),
  nonDisclosureOrder: z.object({ expiresOn: Day, reference: Text }).nullable().optional(),
  document: LegalDocument,
});
export const Acknowledgement = z.strictObject({
  reference: CaseReference,
  receivedAt: z.iso.datetime(),
  state: z.string(),
  text: z.string(),
  policyStatement: z.string().nullable(),
  treatyNotice: z.string().nullable(),
  deadlineAt: z.iso.datetime().nullable(),
  flags: z.array(z.strictObject({ code: z.string(), category: z.string().optional(), message: z.string() })),
});
