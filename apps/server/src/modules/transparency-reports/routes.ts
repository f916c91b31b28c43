import { logPrefix, reportResources } from '@parley/protocol';
import type { Hono } from 'hono';
import { ApiError } from '../../errors.ts';
import type { Handlers } from '../../http/handlers.ts';
import type { ReportService } from './service.ts';

export function reportRoutes(reports: ReportService): Pick<Handlers, 'reportList' | 'publishReport'> {
  return {
    reportList: async () => ({ reports: await reports.list() }),
    publishReport: async ({ body }, staff) => reports.publish(staff, body.period),
  };
}

const documentPath = /^report\/(\d{1,15})\.(json|csv|note)$/;

/** A report's documents by the log index of its leaf, immutable, next to the log's tiles. */
export function mountReportResources(app: Hono, reports: ReportService): void {
  app.on(reportResources.method, reportResources.path, async (c) => {
    const m = documentPath.exec(c.req.path.slice(logPrefix.length));
    const format = m?.[2];
    if (m === null || (format !== 'json' && format !== 'csv' && format !== 'note'))
      throw new ApiError('not_found', 'No such report document.');
    const text = await reports.document(Number(m[1]), format);
    if (text === undefined) throw new ApiError('not_found', 'No report is published at that log index.');
    return c.body(text, 200, {
      'content-type': reportResources.contentTypes[format],
      'cache-control': reportResources.cacheControl,
    });
  });
}
