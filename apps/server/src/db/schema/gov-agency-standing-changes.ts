import type { Generated } from 'kysely';

/** Every suspension, reinstatement and withdrawal of an agency, with its reason; append-only. */
export type GovAgencyStandingChangesTable = {
  seq: Generated<number>;
  agency_id: string;
  action: 'suspend' | 'reinstate' | 'withdraw';
  reason: string;
  changed_by: string;
  changed_at: Date;
};
