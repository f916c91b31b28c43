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

/** JSON with a fixed key order (rows are built in column order) and two-space indent. */
export function reportToJson(report: TransparencyReport): string {
  const rows = report.rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c]])));
  return `${JSON.stringify({ period: report.period, rows, barredFromReporting: report.barredFromReporting }, null, 2)}\n`;
}
