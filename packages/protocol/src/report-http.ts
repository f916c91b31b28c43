import { z } from 'zod';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/** A half-year: `2026-H1` is January to June, `2026-H2` July to December (UTC). */
export const ReportPeriod = z.string().regex(/^\d{4}-H[12]$/, 'a half-year such as 2026-H2');

/** One published transparency report: where its leaf sits in the log and what it is bound to. */
export const ReportSummary = z.strictObject({
  period: ReportPeriod,
  /** Log index of its `report` leaf; its documents are served at `report/<index>.json|.csv|.note`. */
  index: z.number().int().nonnegative(),
  checkpointSize: z.number().int().nonnegative(),
  /** Hex Merkle root of the first `checkpointSize` entries, which the report was computed from. */
  checkpointRoot: Sha256Hex,
  jsonSha256: Sha256Hex,
  csvSha256: Sha256Hex,
  publishedAt: z.iso.datetime(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportList = z.strictObject({ reports: z.array(ReportSummary) });
export const PublishReportBody = z.strictObject({ period: ReportPeriod });

/**
 * Reports are computed from the public log and published into it: the list is public; publishing is a staff
 * action (the sweeper also publishes each half-year once it ends).
 */
export const reportRoutes = {
  reportList: {
    method: 'GET',
    path: '/log/reports',
    auth: false,
    response: ReportList,
    status: 200,
  },
  publishReport: {
    method: 'POST',
    path: '/v1/gov/reports',
    auth: false,
    principal: 'staff',
    body: PublishReportBody,
    response: ReportSummary,
    status: 201,
  },
} as const;

/**
 * A published report's documents, addressed by the log index of its leaf (`report/57.json`): the JSON and
 * the CSV, and the signed note binding both to the checkpoint. They never change, so caches keep them.
 */
export const reportResources = {
  method: 'GET',
  path: '/log/report/*',
  contentTypes: {
    json: 'application/json; charset=utf-8',
    csv: 'text/csv; charset=utf-8',
    note: 'text/plain; charset=utf-8',
  },
  cacheControl: 'public, max-age=31536000, immutable',
} as const;
export type ReportFormat = keyof typeof reportResources.contentTypes;

/** The path of a report document relative to the log prefix. */
export const reportPath = (index: number, format: ReportFormat): string => `report/${index}.${format}`;
