import type { JsonColumn } from './gov-json.ts';

/** A notice to a member about a request for their data, shown on their devices. */
export type GovMemberNoticesTable = {
  id: string;
  reference: string;
  account_id: number;
  created_at: Date;
  notice: JsonColumn;
};
