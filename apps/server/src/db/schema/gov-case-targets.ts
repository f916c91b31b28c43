/** The account each target of a request resolved to at receipt (null: no such account). */
export type GovCaseTargetsTable = {
  reference: string;
  position: number;
  account_id: number | null;
};
