import { authorityKinds } from '@parley/protocol';

/** Kinds of requesting authority (defined with the API's vocabulary). */
export { authorityKinds };
export type AuthorityKind = (typeof authorityKinds)[number];

/**
 * Request types. Real-time interception is accepted and counted but always answered "not technically
 * possible": the server relays only MLS ciphertext. Private-party demands are counted apart because their
 * legal footing differs from a state's.
 */
export const requestTypes = [
  'legal_process',
  'preservation',
  'emergency_disclosure',
  'account_restriction',
  'real_time_interception',
  'national_security',
  'private_party',
] as const;
export type RequestType = (typeof requestTypes)[number];

/** How a demand reached Parley; reports break requests down by channel. */
export const channels = [
  'direct',
  'mlat',
  'cloud_act_agreement',
  'eu_production_order',
  'letters_rogatory',
] as const;
export type Channel = (typeof channels)[number];
