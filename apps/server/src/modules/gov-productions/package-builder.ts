import { createHash } from 'node:crypto';
import { categoryById, type DataCategoryId, isProducible } from '@parley/governance';

/** What the database holds for the resolved accounts, as the store reads it. */
export type HeldRecords = Readonly<{
  accounts: readonly Readonly<{
    accountId: number;
    username: string;
    accountKey: string;
    createdOn: string;
    declaredJurisdiction: string | null;
  }>[];
  devices: readonly Readonly<{
    accountId: number;
    deviceId: string;
    signatureKey: string;
    createdOn: string;
    lastSeenOn: string;
  }>[];
  groups: readonly Readonly<{ accountId: number; groupId: string; createdOn: string }>[];
}>;

export type ProductionFile = Readonly<{ name: string; category: DataCategoryId; content: string }>;

export type ProductionManifest = Readonly<{
  reference: string;
  createdAt: string;
  expiresAt: string;
  dateRange: Readonly<{ from: string; to: string }>;
  accounts: number;
  files: readonly Readonly<{ name: string; category: DataCategoryId; sha256: string; bytes: number }>[];
  /** Requested categories Parley does not hold (or cannot read), said explicitly rather than left out. */
  notHeld: readonly Readonly<{ category: DataCategoryId; holding: string; description: string }>[];
}>;

export type ProductionPackage = Readonly<{ manifest: ProductionManifest; files: readonly ProductionFile[] }>;

export class ContentNotProducibleError extends Error {
  override readonly name = 'ContentNotProducibleError';
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The records of one category, limited to the date range where the category has dates. */
function recordsFor(
  category: DataCategoryId,
  held: HeldRecords,
  range: Readonly<{ from: string; to: string }>,
) {
  switch (category) {
    case 'account_basic':
      return held.accounts.filter((a) => a.createdOn <= range.to);
    case 'devices':
      return held.devices.filter((d) => d.createdOn <= range.to && d.lastSeenOn >= range.from);
    case 'group_membership':
      return held.groups.filter((g) => g.createdOn <= range.to);
    default:
      return null;
  }
}

/**
 * Builds the package from what the database holds for the resolved accounts: only the approved categories,
 * only the date range, each file hashed into the manifest, and every requested category that is not held
 * named as such. Content is refused outright, whatever the caller passes: it is end-to-end encrypted.
 */
export function buildPackage(
  input: Readonly<{
    reference: string;
    approved: readonly DataCategoryId[];
    requested: readonly DataCategoryId[];
    dateRange: Readonly<{ from: string; to: string }>;
    createdAt: Date;
    expiresAt: Date;
  }>,
  held: HeldRecords,
): ProductionPackage {
  const files: ProductionFile[] = [];
  for (const category of input.approved) {
    const described = categoryById(category);
    if (described === undefined || !isProducible(described))
      throw new ContentNotProducibleError(`${category} is never producible`);
    const records = recordsFor(category, held, input.dateRange);
    if (records === null) throw new ContentNotProducibleError(`${category} is not held`);
    files.push({ name: `${category}.json`, category, content: json(records) });
  }
  const notHeld = input.requested.flatMap((category) => {
    const c = categoryById(category);
    return c === undefined || c.holding === 'held' || c.holding === 'transient'
      ? []
      : [{ category, holding: c.holding, description: c.description }];
  });
  return {
    files,
    manifest: {
      reference: input.reference,
      createdAt: input.createdAt.toISOString(),
      expiresAt: input.expiresAt.toISOString(),
      dateRange: input.dateRange,
      accounts: held.accounts.length,
      files: files.map((f) => ({
        name: f.name,
        category: f.category,
        sha256: sha256(f.content),
        bytes: new TextEncoder().encode(f.content).length,
      })),
      notHeld,
    },
  };
}

/** The digest stored beside the package: SHA-256 of the manifest's JSON. */
export function manifestDigest(manifest: ProductionManifest): string {
  return sha256(JSON.stringify(manifest));
}
