import { instrumentCeiling } from '../policy/policy-history.ts';
import { defaultFramework, type LegalFramework } from '../policy/policy-types.ts';
import {
  categoryById,
  type DataCategoryId,
  isDataCategoryId,
  tierWithin,
} from '../vocabulary/data-catalogue.ts';
import { isInstrumentType } from '../vocabulary/instruments.ts';
import {
  daySchema,
  nonEmptyText,
  requestTypeSchema,
  type Submission,
  type SubmissionTarget,
  sha256HexSchema,
  targetSchema,
} from './submission.ts';

/** One problem with a submission; `field` says where, so the portal can mark it. */
export type IntakeProblem = Readonly<{ code: string; field: string; message: string }>;

/** Accepted but worth the reviewer's attention; never a reason to lose the submission. */
export type IntakeFlag = Readonly<{ code: string; category?: DataCategoryId; message: string }>;

export type IntakeResult =
  | Readonly<{ ok: true; submission: Submission; flags: readonly IntakeFlag[] }>
  | Readonly<{ ok: false; problems: readonly IntakeProblem[] }>;

const instrumentFields = ['type', 'issuer', 'date', 'signatory', 'documentSha256'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks an officer's submission and returns EVERY problem, each with its own code, so the officer fixes
 * them in one round. Nothing is half-accepted: either the whole submission is returned typed, or nothing.
 * `framework` is the issuing jurisdiction's, used only to flag categories beyond the instrument's ceiling.
 */
export function validateSubmission(
  input: unknown,
  framework: LegalFramework = defaultFramework,
): IntakeResult {
  const problems: IntakeProblem[] = [];
  const add = (code: string, field: string, message: string) => problems.push({ code, field, message });
  if (!isRecord(input))
    return {
      ok: false,
      problems: [
        { code: 'malformed_submission', field: '', message: 'The submission must be a JSON object.' },
      ],
    };

  const requestType = requestTypeSchema.safeParse(input.requestType);
  if (!requestType.success)
    add('unknown_request_type', 'requestType', 'The request type is missing or unknown.');

  const targets: SubmissionTarget[] = [];
  if (!Array.isArray(input.targets) || input.targets.length === 0)
    add('missing_target', 'targets', 'Name at least one target account.');
  else if (input.targets.length > 100)
    add('too_many_targets', 'targets', 'At most 100 targets per request; overbroad requests are refused.');
  else
    for (const [i, raw] of input.targets.entries()) {
      const t = targetSchema.safeParse(raw);
      if (!t.success) {
        add(
          'target_malformed',
          `targets.${i}`,
          'A username must be 3-32 characters of a-z, 0-9, _ . - and start with a letter; an account id is 1-64 url-safe characters.',
        );
      } else if (t.data.username === undefined && t.data.accountId === undefined) {
        add(
          'target_not_unique',
          `targets.${i}`,
          'A target needs a username or an account id; an IP address or a display name alone does not identify one account.',
        );
      } else targets.push(t.data);
    }

  let dateRange: { from: string; to: string } | undefined;
  if (!isRecord(input.dateRange))
    add('missing_date_range', 'dateRange', 'Give the date range (from, to) the request covers.');
  else {
    const from = daySchema.safeParse(input.dateRange.from);
    const to = daySchema.safeParse(input.dateRange.to);
    if (!from.success || !to.success) add('invalid_date_range', 'dateRange', 'Dates must be YYYY-MM-DD.');
    else if (from.data > to.data)
      add('invalid_date_range', 'dateRange', 'The range must not end before it starts.');
    else dateRange = { from: from.data, to: to.data };
  }

  const categories: DataCategoryId[] = [];
  if (!Array.isArray(input.categories) || input.categories.length === 0)
    add('missing_categories', 'categories', 'Name the data categories requested.');
  else
    for (const c of input.categories) {
      if (typeof c === 'string' && isDataCategoryId(c)) {
        if (!categories.includes(c)) categories.push(c);
      } else
        add(
          'unknown_category',
          'categories',
          `Unknown data category ${JSON.stringify(c)}; see the data catalogue.`,
        );
    }

  let instrument: Submission['instrument'] | undefined;
  if (!isRecord(input.instrument)) add('missing_instrument', 'instrument', 'Attach the legal instrument.');
  else {
    const raw = input.instrument;
    const before = problems.length;
    for (const field of instrumentFields) {
      if (raw[field] === undefined || raw[field] === null || raw[field] === '')
        add('instrument_missing_field', `instrument.${field}`, `The instrument's ${field} is missing.`);
    }
    if (problems.length === before) {
      const type = typeof raw.type === 'string' && isInstrumentType(raw.type) ? raw.type : undefined;
      if (type === undefined) add('unknown_instrument_type', 'instrument.type', 'Unknown instrument type.');
      const issuer = nonEmptyText.safeParse(raw.issuer);
      const signatory = nonEmptyText.safeParse(raw.signatory);
      const date = daySchema.safeParse(raw.date);
      const hash = sha256HexSchema.safeParse(raw.documentSha256);
      if (!issuer.success) add('instrument_invalid_field', 'instrument.issuer', 'The issuer must be text.');
      if (!signatory.success)
        add('instrument_invalid_field', 'instrument.signatory', 'The signatory must be text.');
      if (!date.success)
        add('instrument_invalid_field', 'instrument.date', 'The instrument date must be YYYY-MM-DD.');
      if (!hash.success)
        add(
          'invalid_document_hash',
          'instrument.documentSha256',
          'The document hash must be 64 lower-case hex digits (SHA-256).',
        );
      if (type && issuer.success && signatory.success && date.success && hash.success) {
        instrument = {
          type,
          issuer: issuer.data,
          signatory: signatory.data,
          date: date.data,
          documentSha256: hash.data,
        };
      }
    }
  }

  const legalBasis = nonEmptyText.safeParse(input.legalBasis);
  if (!legalBasis.success)
    add('missing_legal_basis', 'legalBasis', 'State the legal basis (statute and section).');
  const offence = nonEmptyText.safeParse(input.offenceClassification);
  if (!offence.success)
    add(
      'missing_offence_classification',
      'offenceClassification',
      'Classify the offence under investigation.',
    );
  const attestation = isRecord(input.attestation) ? input.attestation : undefined;
  const statement = nonEmptyText.safeParse(attestation?.statement);
  if (attestation?.officialCapacity !== true || !statement.success)
    add('missing_attestation', 'attestation', 'Attest that you act in your official capacity.');

  let emergency: Submission['emergency'] = null;
  if (requestType.success && requestType.data === 'emergency_disclosure') {
    const basis = isRecord(input.emergency)
      ? nonEmptyText.safeParse(input.emergency.factualBasis)
      : undefined;
    if (!basis?.success)
      add(
        'emergency_missing_factual_basis',
        'emergency.factualBasis',
        'Describe the imminent danger of death or serious injury.',
      );
    else emergency = { factualBasis: basis.data };
  }

  let nonDisclosureOrder: Submission['nonDisclosureOrder'] = null;
  if (input.nonDisclosureOrder !== undefined && input.nonDisclosureOrder !== null) {
    const ndo = isRecord(input.nonDisclosureOrder) ? input.nonDisclosureOrder : {};
    const expiresOn = daySchema.safeParse(ndo.expiresOn);
    const reference = nonEmptyText.safeParse(ndo.reference);
    if (!expiresOn.success || !reference.success)
      add(
        'invalid_non_disclosure_order',
        'nonDisclosureOrder',
        'A non-disclosure order needs an expiry day (YYYY-MM-DD) and a reference; open-ended gags are not accepted.',
      );
    else nonDisclosureOrder = { expiresOn: expiresOn.data, reference: reference.data };
  }

  if (
    problems.length > 0 ||
    !requestType.success ||
    !dateRange ||
    !instrument ||
    !legalBasis.success ||
    !offence.success ||
    !statement.success
  ) {
    return { ok: false, problems };
  }
  const submission: Submission = {
    requestType: requestType.data,
    targets,
    dateRange,
    categories,
    instrument,
    legalBasis: legalBasis.data,
    offenceClassification: offence.data,
    attestation: { officialCapacity: true, statement: statement.data },
    emergency,
    nonDisclosureOrder,
  };
  return { ok: true, submission, flags: flagsFor(submission, framework) };
}

/** Reviewer flags: categories beyond the instrument's ceiling, not held, or content; interception. */
export function flagsFor(submission: Submission, framework: LegalFramework): readonly IntakeFlag[] {
  const flags: IntakeFlag[] = [];
  const ceiling = instrumentCeiling(framework, submission.instrument.type);
  for (const id of submission.categories) {
    const c = categoryById(id);
    if (c === undefined) continue;
    if (c.holding === 'e2ee')
      flags.push({
        code: 'content_e2ee',
        category: id,
        message: `${id} is end-to-end encrypted; Parley cannot read or produce it.`,
      });
    else if (c.holding === 'not_held')
      flags.push({ code: 'data_not_held', category: id, message: `Parley does not hold ${id}.` });
    else if (c.tier === null)
      flags.push({
        code: 'not_disclosable',
        category: id,
        message: `${id} is operational data Parley never discloses.`,
      });
    else if (c.tier !== null && (ceiling === null || !tierWithin(c.tier, ceiling))) {
      flags.push({
        code: 'beyond_instrument_tier',
        category: id,
        message: `${id} needs ${c.tier}; a ${submission.instrument.type} reaches ${ceiling ?? 'no data'}.`,
      });
    }
  }
  if (submission.requestType === 'real_time_interception') {
    flags.push({
      code: 'not_technically_possible',
      message:
        'Parley relays only end-to-end encrypted ciphertext; real-time interception is not technically possible.',
    });
  }
  return flags;
}
