import type { JsonColumn } from './gov-json.ts';

/** A government request: the domain's case record plus the columns queries filter on. */
export type GovCasesTable = {
  reference: string;
  agency_id: string;
  officer_id: string;
  state: string;
  received_at: Date;
  deadline_at: Date | null;
  case_record: JsonColumn;
  acknowledgement: string;
  updated_at: Date;
};
