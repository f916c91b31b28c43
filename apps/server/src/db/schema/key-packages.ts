import type { Generated } from 'kysely';

/** Published MLS KeyPackages: one-shot ones are deleted when claimed; the last-resort one is reused. */
export type KeyPackagesTable = {
  id: Generated<number>;
  device_id: string;
  package: Uint8Array;
  last_resort: boolean;
  /** The UTC day the package's MLS lifetime ends: from that day on it is neither handed out nor kept. */
  expires_on: string;
};
