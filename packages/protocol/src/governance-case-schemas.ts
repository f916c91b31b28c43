import { z } from 'zod';
import { AgencyStanding, CaseReference } from './governance-schemas.ts';
import { codeWord, multiLineText, singleLineText } from './text.ts';

/** Schemas for acting on a case, reading it, its production, the audit trail, the catalogue and notices. */
/** Notes, questions and grounds keep their line breaks; a number dialled or a reference is one line. */
const Text = multiLineText(4000).trim().min(1);
const Line = singleLineText(400).trim().min(1);
const Day = z.iso.date();
const DateRange = z.strictObject({ from: Day, to: Day });
const Categories = z.array(codeWord(64)).max(20);
const ReasonCodes = z.array(codeWord(64)).max(10);

/** One lifecycle action; the server adds the jurisdiction policies itself where the domain needs them. */
export const CaseActionBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('triage') }),
  z.strictObject({ type: z.literal('complete_triage'), requesterVerified: z.boolean() }),
  z.strictObject({ type: z.literal('record_callback'), numberDialed: Line, confirmed: z.boolean() }),
  z.strictObject({ type: z.literal('run_gate') }),
  z.strictObject({ type: z.literal('request_clarification'), question: Text }),
  z.strictObject({
    type: z.literal('answer_clarification'),
    answer: Text,
    narrowTo: z
      .strictObject({ categories: Categories.optional(), dateRange: DateRange.optional() })
      .optional(),
  }),
  z.strictObject({ type: z.literal('complete_legal_review'), notes: Text }),
  z.strictObject({
    type: z.literal('complete_human_rights_review'),
    cleared: z.boolean(),
    reasonCode: codeWord(64).optional(),
    notes: Text,
  }),
  z.strictObject({
    type: z.literal('propose_decision'),
    outcome: z.enum(['disclose', 'reject', 'no_data', 'preserve', 'restrict_account']),
    reasonCodes: ReasonCodes,
    categories: Categories.default([]),
    noticeException: Text.optional(),
  }),
  z.strictObject({ type: z.literal('countersign') }),
  z.strictObject({ type: z.literal('produce'), categories: Categories, dateRange: DateRange }),
  z.strictObject({ type: z.literal('send_deferred_notice') }),
  z.strictObject({ type: z.literal('challenge'), grounds: Text }),
  z.strictObject({ type: z.literal('resolve_challenge'), quashed: z.boolean() }),
  z.strictObject({ type: z.literal('close') }),
  z.strictObject({ type: z.literal('withdraw') }),
  z.strictObject({ type: z.literal('resume') }),
  z.strictObject({ type: z.literal('extend_preservation') }),
  z.strictObject({ type: z.literal('consume_preservation'), legalProcessReference: Line }),
  z.strictObject({ type: z.literal('expire_preservation') }),
]);
export type CaseActionBody = z.infer<typeof CaseActionBody>;

export const CaseParams = z.strictObject({ reference: CaseReference });
export const CaseListQuery = z.strictObject({
  state: codeWord(40).optional(),
  limit: z.coerce.number().int().positive().max(500).default(100),
});

/**
 * A case as the caller may see it. Officers get the summary (state, acknowledgement, open questions, whether
 * a production is ready); staff also get `detail`, the whole case record with review notes and signatures.
 */
export const CaseView = z.strictObject({
  reference: CaseReference,
  state: z.string(),
  agencyId: z.string(),
  /** The requesting agency's name and standing, for staff (a suspended agency's case says so); null for officers. */
  agency: z.strictObject({ name: z.string(), standing: AgencyStanding }).nullable(),
  requestType: z.string(),
  receivedAt: z.iso.datetime(),
  deadlineAt: z.iso.datetime().nullable(),
  overdue: z.boolean(),
  acknowledgement: z.string(),
  openQuestion: z.string().nullable(),
  productionReady: z.boolean(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export const CaseList = z.strictObject({ cases: z.array(CaseView) });
export const OverdueList = z.strictObject({
  cases: z.array(
    z.strictObject({ reference: CaseReference, state: z.string(), deadlineAt: z.iso.datetime() }),
  ),
});

/** One file of a production package and its SHA-256; the manifest lists every file. */
const PackageFile = z.strictObject({ name: z.string(), mediaType: z.string(), content: z.string() });
export const ProductionPackage = z.strictObject({
  reference: CaseReference,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  manifest: z.strictObject({
    algorithm: z.literal('sha256'),
    files: z.array(z.strictObject({ name: z.string(), sha256: z.string(), bytes: z.number().int() })),
  }),
  manifestSha256: z.string(),
  files: z.array(PackageFile),
});

export const AuditQuery = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(1000).default(200),
});
export const AuditEvent = z.strictObject({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  object: z.string(),
  hash: z.string(),
});
export const AuditPage = z.strictObject({ events: z.array(AuditEvent), more: z.boolean() });
export const AuditVerification = z.strictObject({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
});

export const DataCatalogue = z.strictObject({
  categories: z.array(
    z.strictObject({
      id: z.string(),
      description: z.string(),
      holding: z.enum(['held', 'transient', 'not_held', 'e2ee']),
      minimumTier: z.string().nullable(),
      /** Whether Parley can hand it over at all (false for content it cannot read and for what it never holds). */
      disclosable: z.boolean(),
      retention: z.string(),
      /** The database columns (`table.column`) that hold it. */
      columns: z.array(z.string()),
    }),
  ),
  /** Every other column of the database: operational records that no instrument may compel. */
  notDisclosable: z.array(z.string()),
});
