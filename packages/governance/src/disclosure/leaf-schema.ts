import { z } from 'zod';
import { accountBuckets, requestEventKinds } from '../events/event-types.ts';
import { emergencyRules, policyScopes, policyStatuses } from '../policy/policy-types.ts';
import { type DataCategoryId, isDataCategoryId } from '../vocabulary/data-catalogue.ts';
import { type InstrumentType, instrumentTypes } from '../vocabulary/instruments.ts';
import { reasonCodes } from '../vocabulary/reason-codes.ts';
import { authorityKinds, channels, requestTypes } from '../vocabulary/requests.ts';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const prev = z.union([z.literal(''), hex(32)]);
const isoWeek = z.string().regex(/^\d{4}-W\d{2}$/);
const category = z.custom<DataCategoryId>((v) => typeof v === 'string' && isDataCategoryId(v));
const instrument = z.custom<InstrumentType>((v) => instrumentTypes.some((t) => t === v));

const requestEvent = z.strictObject({
  v: z.literal(1),
  type: z.literal('request'),
  kind: z.enum(requestEventKinds),
  chainId: z.string().min(1),
  seq: z.number().int().nonnegative(),
  prev,
  isoWeek,
  jurisdiction: z.string(),
  authorityKind: z.enum(authorityKinds),
  requestType: z.enum(requestTypes),
  legalBasis: instrument,
  channel: z.enum(channels),
  decision: z.string().nullable(),
  reasonCodes: z.array(z.enum(reasonCodes)),
  accountBucket: z.enum(accountBuckets),
  categories: z.array(category),
  policyStatus: z.enum(policyStatuses).nullable(),
});

const policyEvent = z.strictObject({
  v: z.literal(1),
  type: z.literal('policy'),
  kind: z.literal('policy_changed'),
  chainId: z.string().min(1),
  seq: z.number().int().nonnegative(),
  prev,
  isoWeek,
  jurisdiction: z.string(),
  version: z.number().int(),
  effectiveFrom: z.number().int(),
  status: z.enum(policyStatuses),
  scope: z.enum(policyScopes),
  emergencyRule: z.enum(emergencyRules),
  statement: z.string(),
});

const commitments = z.strictObject({
  agency: hex(32),
  caseReference: hex(32),
  targets: hex(32),
  documentSha256: hex(32),
});

export const eventLeafSchema = z.strictObject({
  leaf: z.literal('event'),
  event: z.discriminatedUnion('type', [requestEvent, policyEvent]),
  commitments: commitments.nullable(),
});

const sealedLeafSchema = z.strictObject({
  leaf: z.literal('sealed'),
  chainId: z.string().min(1),
  seq: z.number().int().nonnegative(),
  isoWeek,
  produced: z.boolean(),
  commitment: hex(32),
});

const revealLeafSchema = z.strictObject({
  leaf: z.literal('reveal'),
  sealedIndex: z.number().int().nonnegative(),
  nonce: hex(32),
  event: eventLeafSchema,
});

const reportLeafSchema = z.strictObject({
  leaf: z.literal('report'),
  period: z.string().regex(/^\d{4}-H[12]$/),
  checkpointSize: z.number().int().nonnegative(),
  checkpointRoot: hex(32),
  jsonSha256: hex(32),
  csvSha256: hex(32),
});

/**
 * The schema of each leaf kind, by its `leaf` field; decoding also insists the bytes are the canonical
 * encoding. Picking the schema by kind first is twice as fast as a discriminated union, and a verifier
 * reads a million of these.
 */
export const leafSchemas = {
  event: eventLeafSchema,
  sealed: sealedLeafSchema,
  reveal: revealLeafSchema,
  report: reportLeafSchema,
} as const;
