import { z } from 'zod';
import { CaseReference, Code, Day, GovId, Line, PolicyStatusName, Text } from './governance-schemas.ts';
import { emergencyRules, policyScopes } from './governance-vocabulary.ts';
import { Jurisdiction } from './schemas.ts';
import { singleLineText } from './text.ts';

/**
 * Wire schemas of jurisdiction policies: a policy admin's proposal (or the import of a past decision), its
 * sign-off by another staff member, and the versions in force. The domain re-checks every rule.
 */
const Assessment = z.object({
  trigger: Text,
  triggerDate: Day,
  effectOnPrivacyAndExpression: Text,
  effectOnProducts: Text,
  affectedGroups: z.array(Line).max(100),
  expertsConsulted: z.array(Line).max(100),
  mitigations: z.array(Text).max(100),
  recommendation: Text,
  seniorSignOff: z.object({ name: Line, title: Line, date: Day }),
  nextReviewDate: Day,
});
const Framework = z.object({
  instruments: z.array(z.object({ type: Code, localName: Line, maxTier: Code.nullable() })).max(50),
  deadlines: z
    .array(
      z.object({
        instrument: Code,
        hours: z.number().int().positive().max(1_000_000),
        emergencyHours: z.number().int().positive().max(1_000_000).nullable(),
        source: Line,
      }),
    )
    .max(50),
  nonDisclosure: z
    .object({
      maxDays: z.number().int().positive().max(1_000_000).nullable(),
      extendable: z.boolean(),
      source: Line,
    })
    .nullable(),
  channels: z.array(Code).max(10),
});
/** A jurisdiction policy change as a policy admin proposes it; a different staff member signs it off. */
export const PolicyProposalBody = z.strictObject({
  jurisdiction: Jurisdiction,
  effectiveFrom: z.iso.datetime({ offset: true }),
  status: PolicyStatusName,
  scope: z.enum(policyScopes),
  emergencyRule: z.enum(emergencyRules),
  preservationAllowed: z.boolean().nullable().default(null),
  restriction: z
    .object({ requestTypes: z.array(Code).max(20), categories: z.array(Code).max(50) })
    .nullable()
    .default(null),
  offenceDenylist: z.array(singleLineText(200)).max(100).default([]),
  framework: Framework.default({ instruments: [], deadlines: [], nonDisclosure: null, channels: ['direct'] }),
  assessment: Assessment.nullable().default(null),
  statement: Text,
  treatyNotice: Text.nullable().default(null),
});
/**
 * A version decided before this deployment kept its record (Hong Kong paused since 2020-07-06): the same
 * policy, with an `effectiveFrom` in the past and the `provenance` of that decision. See `governance.md`.
 */
export const PolicyImportBody = PolicyProposalBody.extend({
  provenance: Text.describe('where the record of this past decision comes from (minutes, statement)'),
});
export const PolicyProposal = z.strictObject({
  id: GovId,
  jurisdiction: Jurisdiction,
  status: PolicyStatusName,
  proposedBy: GovId,
  proposedAt: z.iso.datetime(),
  state: z.enum(['pending', 'signed']),
  /** True for a historical import (`importPolicy`). */
  historical: z.boolean(),
});
export const ProposalParams = z.strictObject({ proposalId: GovId });
export const PolicyVersion = z.strictObject({
  jurisdiction: Jurisdiction,
  version: z.number().int().positive(),
  effectiveFrom: z.iso.datetime(),
  status: PolicyStatusName,
  scope: z.string(),
  emergencyRule: z.string(),
  statement: z.string(),
  assessment: z.record(z.string(), z.unknown()).nullable(),
  /** What a change carries over unless it says otherwise: the rest of the version as signed. */
  preservationAllowed: z.boolean().nullable(),
  restriction: z.object({ requestTypes: z.array(z.string()), categories: z.array(z.string()) }).nullable(),
  offenceDenylist: z.array(z.string()),
  framework: Framework,
  treatyNotice: z.string().nullable(),
  proposedBy: z.string(),
  signedOffBy: z.string(),
  /** For an imported version: its provenance and when it was recorded here (after `effectiveFrom`). */
  historical: z.strictObject({ provenance: z.string(), recordedAt: z.iso.datetime() }).nullable(),
});
export const PolicySignedOff = z.strictObject({ policy: PolicyVersion, resumed: z.array(CaseReference) });
export const PolicyList = z.strictObject({
  policies: z.array(PolicyVersion),
  proposals: z.array(PolicyProposal),
});
