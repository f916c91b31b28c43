import { z } from 'zod';
import { CaseParams } from './governance-case-schemas.ts';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** What the package's manifest lists: each file's SHA-256, the date range, and what is not held. */
export const ProductionManifest = z.strictObject({
  reference: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  dateRange: z.strictObject({ from: z.iso.date(), to: z.iso.date() }),
  accounts: z.number().int(),
  files: z.array(
    z.strictObject({ name: z.string(), category: z.string(), sha256: Sha256Hex, bytes: z.number().int() }),
  ),
  notHeld: z.array(z.strictObject({ category: z.string(), holding: z.string(), description: z.string() })),
});

export const ProductionPackageView = z.strictObject({
  manifest: ProductionManifest,
  /** SHA-256 of the manifest's JSON as stored. */
  manifestSha256: Sha256Hex,
  files: z.array(z.strictObject({ name: z.string(), category: z.string(), content: z.string() })),
});
export type ProductionPackageView = z.infer<typeof ProductionPackageView>;

/**
 * The production package, for an officer of the requesting agency only, until it expires, and only once
 * its "produced" event is covered by a signed checkpoint of the public log. Every download is audited.
 */
export const productionRoutes = {
  downloadProduction: {
    method: 'GET',
    path: '/v1/gov/requests/:reference/production',
    auth: false,
    principal: 'officer',
    params: CaseParams,
    response: ProductionPackageView,
    status: 200,
  },
} as const;
