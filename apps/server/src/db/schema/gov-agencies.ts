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
};
