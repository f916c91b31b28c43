import type { DataCategoryId } from '@parley/governance';

/**
 * Where each category of the domain's catalogue lives in the database, and how long. A column listed nowhere
 * here is operational and not disclosable; the catalogue test holds this list, the real schema and the tier
 * column of docs/data-inventory.md to each other, so a new column cannot go uncatalogued.
 */
export const categoryColumns: Readonly<
  Record<DataCategoryId, Readonly<{ retention: string; columns: readonly string[] }>>
> = {
  account_basic: {
    retention: 'life of the account',
    columns: ['accounts.username', 'accounts.account_key', 'accounts.jurisdiction', 'accounts.created_on'],
  },
  devices: {
    retention: 'until the device is removed from the account’s signed device list',
    columns: [
      'accounts.device_list_payload',
      'devices.id',
      'devices.signature_key',
      'devices.created_on',
      'devices.last_seen_on',
    ],
  },
  group_membership: {
    retention: 'while the group exists and the device is a member',
    columns: ['groups.id', 'groups.created_on', 'group_members.group_id', 'group_members.device_id'],
  },
  key_packages: {
    retention: 'until claimed (one-shot) or replaced (last resort)',
    columns: ['key_packages.package'],
  },
  message_content: {
    retention: 'until every recipient device has acknowledged it, or 30 days; ciphertext only',
    columns: ['group_messages.payload'],
  },
  message_metadata: { retention: 'not held', columns: [] },
  ip_addresses: { retention: 'not held (rate limits keep addresses in memory only)', columns: [] },
  contacts: { retention: 'not held', columns: [] },
  phone_or_email: { retention: 'not collected', columns: [] },
  precise_location: { retention: 'not collected', columns: [] },
};
