import { usernamePattern } from '@parley/protocol';
import { z } from 'zod';
import { type DataCategoryId, isDataCategoryId } from '../vocabulary/data-catalogue.ts';
import { type InstrumentType, isInstrumentType } from '../vocabulary/instruments.ts';
import { requestTypes } from '../vocabulary/requests.ts';

/**
 * Field-level schemas of an officer's submission. `validateSubmission` applies them one field at a time so
 * every problem gets its own code instead of one generic schema failure.
 */
export const requestTypeSchema = z.enum(requestTypes);
export const daySchema = z.iso.date();
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);
export const nonEmptyText = z.string().trim().min(1).max(4000);

/**
 * A target must identify one account: a username or an account id. IP addresses and display names are kept
 * when given (the reviewer may read them as context) but never suffice: Parley stores neither, and matching
 * on them would hand over a stranger's data.
 */
export const targetSchema = z.object({
  username: z.string().regex(usernamePattern).optional(),
  accountId: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,64}$/)
    .optional(),
  ipAddress: z.string().max(64).optional(),
  displayName: z.string().max(128).optional(),
});

export const instrumentSchema = z.object({
  type: z.string().refine(isInstrumentType),
  issuer: nonEmptyText,
  date: daySchema,
  signatory: nonEmptyText,
  documentSha256: sha256HexSchema,
});

export const submissionSchema = z.object({
  requestType: requestTypeSchema,
  targets: z.array(targetSchema).min(1).max(100),
  dateRange: z.object({ from: daySchema, to: daySchema }),
  categories: z.array(z.string().refine(isDataCategoryId)).min(1),
  instrument: instrumentSchema,
  legalBasis: nonEmptyText,
  offenceClassification: nonEmptyText,
  attestation: z.object({ officialCapacity: z.literal(true), statement: nonEmptyText }),
  emergency: z.object({ factualBasis: nonEmptyText }).nullable().optional(),
  nonDisclosureOrder: z.object({ expiresOn: daySchema, reference: nonEmptyText }).nullable().optional(),
});

export type SubmissionTarget = Readonly<{
  username?: string;
  accountId?: string;
  ipAddress?: string;
  displayName?: string;
}>;

/** A submission that passed intake; the shape the rest of the domain trusts. */
export type Submission = Readonly<{
  requestType: z.infer<typeof requestTypeSchema>;
  targets: readonly SubmissionTarget[];
  dateRange: Readonly<{ from: string; to: string }>;
  categories: readonly DataCategoryId[];
  instrument: Readonly<{
    type: InstrumentType;
    issuer: string;
    date: string;
    signatory: string;
    documentSha256: string;
  }>;
  legalBasis: string;
  offenceClassification: string;
  attestation: Readonly<{ officialCapacity: true; statement: string }>;
  emergency: Readonly<{ factualBasis: string }> | null;
  nonDisclosureOrder: Readonly<{ expiresOn: string; reference: string }> | null;
}>;
