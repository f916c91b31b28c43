/**
 * Data tiers, ordered: an instrument that may compel a tier may compel every lower one. Content exists as a
 * tier only so instruments that reach it (warrants) can be named; Parley never holds readable content.
 */
export const dataTiers = ['basic_subscriber', 'non_content_records', 'content'] as const;
export type DataTier = (typeof dataTiers)[number];

/** Whether `tier` is at or below `ceiling`. */
export function tierWithin(tier: DataTier, ceiling: DataTier): boolean {
  return dataTiers.indexOf(tier) <= dataTiers.indexOf(ceiling);
}

/**
 * How the server holds a category: `held` for the life of the account, `transient` only while routing needs
 * it, `not_held` never stored, `e2ee` stored only as ciphertext nobody at Parley can read.
 */
export type Holding = 'held' | 'transient' | 'not_held' | 'e2ee';

export type DataCategory = Readonly<{
  id: string;
  description: string;
  holding: Holding;
  /** The least tier that may compel it; null when it is never disclosable. */
  tier: DataTier | null;
}>;

/**
 * What a messaging server could be asked for, matched to what Parley's server stores (docs/data-inventory.md).
 * The server checks this list against its real schema; categories that are not held are listed so a
 * production can say so explicitly instead of staying silent.
 */
export const dataCatalogue = [
  {
    id: 'account_basic',
    description: 'username, account public key, day created, jurisdiction declared at registration',
    holding: 'held',
    tier: 'basic_subscriber',
  },
  {
    id: 'devices',
    description: 'device ids and public keys, day each was added, last day each connected',
    holding: 'held',
    tier: 'basic_subscriber',
  },
  {
    id: 'group_membership',
    description: 'ids and creation days of groups the account’s devices are in, only while the group exists',
    holding: 'transient',
    tier: 'non_content_records',
  },
  {
    id: 'key_packages',
    description: 'unclaimed MLS key packages (public keys only); operational, no evidential meaning',
    holding: 'transient',
    tier: null,
  },
  {
    id: 'message_content',
    description: 'messages and attachments: MLS ciphertext, end-to-end encrypted, never readable by Parley',
    holding: 'e2ee',
    tier: 'content',
  },
  {
    id: 'message_metadata',
    description: 'who sent which message to whom and when: not recorded',
    holding: 'not_held',
    tier: 'non_content_records',
  },
  {
    id: 'ip_addresses',
    description: 'network addresses: not stored',
    holding: 'not_held',
    tier: 'non_content_records',
  },
  {
    id: 'contacts',
    description: 'address books or contact lists: not stored',
    holding: 'not_held',
    tier: 'non_content_records',
  },
  {
    id: 'phone_or_email',
    description: 'phone numbers and e-mail addresses of members: not collected',
    holding: 'not_held',
    tier: 'basic_subscriber',
  },
  {
    id: 'precise_location',
    description: 'location beyond the declared jurisdiction: not collected',
    holding: 'not_held',
    tier: 'non_content_records',
  },
] as const satisfies readonly DataCategory[];

export type DataCategoryId = (typeof dataCatalogue)[number]['id'];

const byId: ReadonlyMap<string, DataCategory> = new Map(dataCatalogue.map((c) => [c.id, c]));

/** The catalogue entry for an id, or undefined for an unknown id. */
export function categoryById(id: string): DataCategory | undefined {
  return byId.get(id);
}

export function isDataCategoryId(id: string): id is DataCategoryId {
  return byId.has(id);
}

/** Whether Parley can hand a category over at all: held (or transiently held), disclosable and not content. */
export function isProducible(category: DataCategory): boolean {
  return (
    (category.holding === 'held' || category.holding === 'transient') &&
    category.tier !== null &&
    category.tier !== 'content'
  );
}
