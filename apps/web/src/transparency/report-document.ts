import { z } from 'zod';

const count = z.number().int().nonnegative();

/** One row of a published report (packages/governance report-types.ts): half-year × jurisdiction × class. */
export const ReportRow = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  jurisdiction: z.string(),
  jurisdictionName: z.string(),
  policyStatus: z.string(),
  policySince: z.string(),
  policyStatement: z.string(),
  requestClass: z.string(),
  instrumentTypes: z.string(),
  channels: z.string(),
  requestsReceived: count,
  accountsSpecifiedMin: count,
  accountsSpecifiedMax: z.string(),
  requestsWithDataProduced: count,
  percentWithDataProduced: z.string(),
  contentDisclosed: count,
  nonContentDisclosed: count,
  noDataOrNotHeld: count,
  rejected: count,
  topRejectionReasons: z.string(),
  narrowed: count,
  redirected: count,
  pausedNotProcessed: count,
  withdrawn: count,
  accountsPreservedMin: count,
  noticesGiven: count,
  noticesDeferredByOrder: count,
  noticesNotGiven: count,
  categoriesDisclosed: z.string(),
  footnotes: z.string(),
});
export type ReportRow = z.infer<typeof ReportRow>;

/** The published JSON document: what the page shows. Whether it is true is the verifier's business. */
export const ReportDocument = z.object({
  period: z.string(),
  log: z.object({ origin: z.string(), checkpointSize: count, checkpointRoot: z.string() }).optional(),
  rows: z.array(ReportRow),
  barredFromReporting: z.array(z.string()),
});
export type ReportDocument = z.infer<typeof ReportDocument>;

/** Statuses that refuse or hold requests: the page makes them stand out. */
export const restrictive = new Set(['PAUSED', 'REDIRECT_MLAT', 'SUSPENDED', 'EXITED']);

export const statusLabel = (status: string): string =>
  ({
    ACCEPT: 'Accepting',
    ACCEPT_RESTRICTED: 'Accepting, restricted',
    PAUSED: 'PAUSED',
    REDIRECT_MLAT: 'REDIRECTED to treaty route',
    SUSPENDED: 'SUSPENDED',
    EXITED: 'EXITED',
    NONE: 'No policy',
  })[status] ?? status;
