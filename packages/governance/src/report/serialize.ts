import type { ReportRow, TransparencyReport } from './report-types.ts';

const columns: readonly (keyof ReportRow)[] = [
  'periodStart',
  'periodEnd',
  'jurisdiction',
  'jurisdictionName',
  'policyStatus',
  'policySince',
  'policyStatement',
  'requestClass',
  'instrumentTypes',
  'channels',
  'requestsReceived',
  'accountsSpecifiedMin',
  'accountsSpecifiedMax',
  'requestsWithDataProduced',
  'percentWithDataProduced',
  'contentDisclosed',
  'nonContentDisclosed',
  'noDataOrNotHeld',
  'rejected',
  'topRejectionReasons',
  'narrowed',
  'redirected',
  'pausedNotProcessed',
  'withdrawn',
  'accountsPreservedMin',
  'noticesGiven',
  'noticesDeferredByOrder',
  'noticesNotGiven',
  'categoriesDisclosed',
  'footnotes',
];

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV, CRLF line ends, fixed column order: same report → same bytes. */
export function reportToCsv(report: TransparencyReport): string {
  const lines = [columns.join(',')];
  for (const row of report.rows) lines.push(columns.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The log state a report was computed from: the first `checkpointSize` entries, whose root is given. */
export type ReportBinding = Readonly<{ origin: string; checkpointSize: number; checkpointRoot: string }>;

/**
 * JSON with a fixed key order (rows are built in column order) and two-space indent. With a binding, the
 * document names the log and checkpoint it was computed from, so it stands on its own once downloaded.
 */
export function reportToJson(report: TransparencyReport, binding?: ReportBinding): string {
  const rows = report.rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
  const log = binding === undefined ? {} : { log: binding };
  const body = { period: report.period, ...log, rows, barredFromReporting: report.barredFromReporting };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The column names, in CSV order. */
export const reportColumns = columns;
