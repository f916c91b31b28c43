import { z } from 'zod';
import { dataTiers, isDataCategoryId } from '../vocabulary/data-catalogue.ts';
import { isInstrumentType } from '../vocabulary/instruments.ts';
import { isJurisdictionCode } from '../vocabulary/jurisdictions.ts';
import { channels, requestTypes } from '../vocabulary/requests.ts';
import { emergencyRules, policyScopes, policyStatuses } from './policy-types.ts';

const text = z.string().trim().min(1).max(10_000);
const day = z.iso.date();
const instrumentType = z.string().refine(isInstrumentType, 'unknown instrument type');

/** The due-diligence record: every field is required, lists must not be empty. */
export const assessmentSchema = z.object({
  trigger: text,
  triggerDate: day,
  effectOnPrivacyAndExpression: text,
  effectOnProducts: text,
  affectedGroups: z.array(text).min(1),
  expertsConsulted: z.array(text).min(1),
  mitigations: z.array(text).min(1),
  recommendation: text,
  seniorSignOff: z.object({ name: text, title: text, date: day }),
  nextReviewDate: day,
});

export const frameworkSchema = z.object({
  instruments: z.array(
    z.object({ type: instrumentType, localName: text, maxTier: z.enum(dataTiers).nullable() }),
  ),
  deadlines: z.array(
    z.object({
      instrument: z.union([instrumentType, z.literal('any')]),
      hours: z.number().int().positive(),
      emergencyHours: z.number().int().positive().nullable(),
      source: text,
    }),
  ),
  nonDisclosure: z
    .object({ maxDays: z.number().int().positive().nullable(), extendable: z.boolean(), source: text })
    .nullable(),
  channels: z.array(z.enum(channels)),
});

/**
 * A policy admin's proposal, as it arrives from the console. Cross-field rules (assessment required for
 * non-ACCEPT, restriction required for ACCEPT_RESTRICTED) are checked in `proposePolicyChange` so each
 * failure gets its own code.
 */
export const policyProposalSchema = z.object({
  jurisdiction: z.string().refine(isJurisdictionCode, 'unknown jurisdiction code'),
  effectiveFrom: z.number().int().nonnegative(),
  status: z.enum(policyStatuses),
  scope: z.enum(policyScopes),
  emergencyRule: z.enum(emergencyRules),
  preservationAllowed: z.boolean().nullable(),
  restriction: z
    .object({
      requestTypes: z.array(z.enum(requestTypes)),
      categories: z.array(z.string().refine(isDataCategoryId, 'unknown data category')),
    })
    .nullable(),
  offenceDenylist: z.array(z.string().trim().toLowerCase().min(1)),
  framework: frameworkSchema,
  assessment: assessmentSchema.nullable(),
  statement: text,
  treatyNotice: text.nullable(),
});

export type PolicyProposal = Readonly<z.infer<typeof policyProposalSchema>>;
