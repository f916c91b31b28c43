import { logPrefix, logResources, type ReportFormat, type ReportSummary, reportPath } from '@parley/protocol';
import { HttpClient } from '@parley/sdk';
import { ReportDocument } from './report-document.ts';

/** Where a published document is served: the exact bytes the report's leaf hashes. */
export const documentUrl = (index: number, format: ReportFormat): string =>
  `${logPrefix}${reportPath(index, format)}`;

/** The public data these pages read from the server they are served by; nothing here needs a session. */
export class PublicData {
  readonly #api: HttpClient;

  constructor(origin: string) {
    this.#api = new HttpClient({ baseUrl: origin, retries: 2 });
  }

  /** Every published report, oldest first. */
  async reports(): Promise<readonly ReportSummary[]> {
    const { reports } = await this.#api.call('reportList');
    return [...reports].sort((a, b) => a.index - b.index);
  }

  async report(index: number): Promise<ReportDocument> {
    const parsed = ReportDocument.safeParse(JSON.parse(await text(documentUrl(index, 'json'))));
    if (!parsed.success) throw new Error(`report ${index}: the JSON document is not a Parley report`);
    return parsed.data;
  }

  /** The latest signed checkpoint with its witness cosignature lines. */
  checkpoint(): Promise<string> {
    return text(logResources.checkpoint.path);
  }

  catalogue() {
    return this.#api.call('catalogue');
  }
}

async function text(path: string): Promise<string> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.text();
}

/** The latest publication of each half-year (a final report supersedes the interim one), newest first. */
export function latestPerPeriod(reports: readonly ReportSummary[]): readonly ReportSummary[] {
  const byPeriod = new Map<string, ReportSummary>();
  for (const r of reports) byPeriod.set(r.period, r);
  return [...byPeriod.values()].sort((a, b) => b.period.localeCompare(a.period));
}
