import { z } from 'zod';

/**
 * The parts of a case record (`CaseView.detail`, staff only) the console shows. The protocol sends the
 * domain's record as an open object; this schema reads it defensively, so a field the server adds later is
 * ignored and a missing one fails visibly instead of rendering as blank.
 */
const Millis = z.number();
const Stamp = z.looseObject({ by: z.string(), at: Millis });
const Policy = z.looseObject({ jurisdiction: z.string(), status: z.string(), statement: z.string() });

export const CaseRecord = z.looseObject({
  agency: z.looseObject({ kind: z.string(), jurisdiction: z.string() }),
  channel: z.string(),
  submission: z.looseObject({
    targets: z.array(z.looseObject({ username: z.string().optional(), accountId: z.string().optional() })),
    instrument: z.looseObject({
      type: z.string(),
      issuer: z.string(),
      date: z.string(),
      signatory: z.string(),
    }),
    legalBasis: z.string(),
    offenceClassification: z.string(),
    nonDisclosureOrder: z.looseObject({ expiresOn: z.string(), reference: z.string() }).nullish(),
    emergency: z.looseObject({ factualBasis: z.string() }).nullish(),
  }),
  categories: z.array(z.string()),
  dateRange: z.looseObject({ from: z.string(), to: z.string() }),
  targetJurisdictions: z.array(z.string().nullable()),
  flags: z.array(z.looseObject({ code: z.string(), category: z.string().optional(), message: z.string() })),
  gate: z.looseObject({
    outcome: z.string(),
    restricted: z.boolean(),
    allowedCategories: z.array(z.string()),
    reasonCode: z.string().nullable(),
    decisive: Policy.nullable(),
    humanRightsReview: z.boolean(),
    matchedOffences: z.array(z.string()),
    evaluatedAt: Millis,
  }),
  heldSince: Millis.nullable(),
  clarifications: z.array(
    z.looseObject({ question: z.string(), askedAt: Millis, answer: z.string().nullable() }),
  ),
  legalReview: Stamp.extend({ notes: z.string() }).nullable(),
  humanRightsReview: Stamp.extend({ cleared: z.boolean(), notes: z.string() }).nullable(),
  proposal: z
    .looseObject({
      outcome: z.string(),
      reasonCodes: z.array(z.string()),
      categories: z.array(z.string()),
      proposedBy: z.string(),
      proposedAt: Millis,
    })
    .nullable(),
  decision: z
    .looseObject({
      outcome: z.string(),
      reasonCodes: z.array(z.string()),
      categories: z.array(z.string()),
      proposedBy: z.string(),
      countersignedBy: z.string(),
      countersignedAt: Millis,
    })
    .nullable(),
  notice: z
    .looseObject({
      status: z.enum(['sent', 'deferred', 'not_given']),
      sentAt: Millis.nullable(),
      dueAt: Millis.nullable(),
      objectionWindowEndsAt: Millis.nullable(),
      exceptionReason: z.string().nullable(),
    })
    .nullable(),
  production: z
    .looseObject({
      at: Millis,
      by: z.string(),
      categories: z.array(z.string()),
      dateRange: z.looseObject({}),
    })
    .nullable(),
  history: z.array(
    z.looseObject({ action: z.string(), from: z.string(), to: z.string(), actor: z.string(), at: Millis }),
  ),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

/** A date and minute in UTC, the zone of every deadline and order in the record. */
export function when(at: number | string | null | undefined): string {
  if (at === null || at === undefined) return '—';
  const date = new Date(at);
  return Number.isNaN(date.getTime())
    ? String(at)
    : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `legal_review` → `legal review`: states, codes and categories read as words. */
export function words(code: string): string {
  return code.replaceAll('_', ' ');
}
