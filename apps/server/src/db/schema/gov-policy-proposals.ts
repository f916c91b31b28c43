import type { JsonColumn } from './gov-json.ts';

/** A policy change waiting for (or given) its second signature. */
export type GovPolicyProposalsTable = {
  id: string;
  jurisdiction: string;
  proposal: JsonColumn;
  proposed_by: string;
  proposed_at: Date;
  signed_by: string | null;
  signed_at: Date | null;
};
