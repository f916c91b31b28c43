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

  /** A report's JSON as published, with the SHA-256 of the exact bytes shown (to match the verified leaf). */
  async report(index: number): Promise<Readonly<{ document: ReportDocument; sha256: string }>> {
    const response = await fetch(documentUrl(index, 'json'));
    if (!response.ok) throw new Error(`report ${index}: HTTP ${response.status}`);
    const bytes = await response.arrayBuffer();
    const parsed = ReportDocument.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    if (!parsed.success) throw new Error(`report ${index}: the JSON document is not a Parley report`);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return {
      document: parsed.data,
      sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
    };
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
