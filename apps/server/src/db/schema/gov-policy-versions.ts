import type { JsonColumn } from './gov-json.ts';

/** One signed version of a jurisdiction's policy (append-only). */
export type GovPolicyVersionsTable = {
  jurisdiction: string;
  version: number;
  effective_from: Date;
  status: string;
  policy: JsonColumn;
  proposal_id: string | null;
  signed_at: Date;
};
