import type { PolicyStatus } from '../policy/policy-types.ts';
import type { RequestType } from '../vocabulary/requests.ts';

/** One row: a half-year × issuing jurisdiction × request class. Column order is the CSV column order. */
export type ReportRow = Readonly<{
  periodStart: string;
  periodEnd: string;
  jurisdiction: string;
  jurisdictionName: string;
  policyStatus: PolicyStatus | 'NONE';
  policySince: string;
  policyStatement: string;
  requestClass: RequestType;
  instrumentTypes: string;
  channels: string;
  requestsReceived: number;
  accountsSpecifiedMin: number;
  accountsSpecifiedMax: string;
  requestsWithDataProduced: number;
  percentWithDataProduced: string;
  contentDisclosed: number;
  nonContentDisclosed: number;
  noDataOrNotHeld: number;
  rejected: number;
  topRejectionReasons: string;
  narrowed: number;
  redirected: number;
  pausedNotProcessed: number;
  withdrawn: number;
  accountsPreservedMin: number;
  noticesGiven: number;
  noticesDeferredByOrder: number;
  noticesNotGiven: number;
  categoriesDisclosed: string;
  footnotes: string;
}>;

export type TransparencyReport = Readonly<{
  period: string;
  rows: readonly ReportRow[];
  barredFromReporting: readonly string[];
}>;

/**
 * Demands Parley may be legally barred from reporting, or may report only in bands. Published with every
 * report so a reader knows what the numbers cannot show.
 */
export const barredFromReporting: readonly string[] = [
  'US national security letters and FISA orders: reportable only in bands of 250 or 500 (50 U.S.C. § 1874), so they are counted apart as national_security and may be omitted',
  'Requests under a non-disclosure order that forbids even counting: counted once the order lapses',
  'Demands whose existence a court has ordered kept secret, such as UK technical capability notices under the Investigatory Powers Act 2016',
  'Requests received through a treaty channel on behalf of another state: reported under the requesting state where known',
];
