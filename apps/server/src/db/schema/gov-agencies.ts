import type { JsonColumn } from './gov-json.ts';

/** A requesting authority; officers may submit only once a second staff member approved it. */
export type GovAgenciesTable = {
  id: string;
  name: string;
  kind: string;
  jurisdiction: string;
  email_domains: JsonColumn;
  callback_number: string;
  callback_source: string;
  registered_by: string;
  registered_at: Date;
  approved_by: string | null;
  approved_at: Date | null;
  /** Set while a policy admin has suspended the approval: officers refused, sessions ended. */
  suspended_at: Date | null;
  /** Set when the approval was withdrawn for good; the name may then be registered again as a new row. */
  withdrawn_at: Date | null;
  standing_reason: string | null;
  standing_changed_by: string | null;
  standing_changed_at: Date | null;
};
