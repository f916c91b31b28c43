import type { ReportSummary } from '@parley/protocol';
import { BarChart } from '../bar-chart.tsx';
import { documentUrl } from '../public-data.ts';
import { byJurisdiction, outcomeBars } from '../report-aggregate.ts';
import { type ReportDocument, restrictive, statusLabel } from '../report-document.ts';
import { reportVerdict } from '../report-verdict.ts';
import { useTransparency } from '../transparency-services.ts';
import { ReportTable } from './report-table.tsx';

/** One half-year: its verdict, the exact published documents, the policy statements, a chart and the table. */
export function ReportSection(
  props: Readonly<{ summary: ReportSummary; report: ReportDocument; sha256: string }>,
) {
  const { verifier } = useTransparency();
  const { summary, report } = props;
  const verdict = reportVerdict(verifier.verdict.value, summary.index, props.sha256);
  const totals = byJurisdiction(report.rows);
  const held = totals.filter((t) => restrictive.has(t.status));
  return (
    <section class="card tp-report-section" aria-labelledby={`period-${summary.period}`}>
      <h2 id={`period-${summary.period}`}>{summary.period}</h2>
      <p class={`tp-verdict tp-verdict-${verdict.state}`} role="status">
        {verdict.text}
      </p>
      <p class="hint">
        Log entry {summary.index}, computed from the log's first {summary.checkpointSize} entries; published{' '}
        {summary.publishedAt.slice(0, 10)}.
      </p>
      <ul class="tp-downloads" aria-label={`Downloads for ${summary.period}`}>
        <li>
          <a href={documentUrl(summary.index, 'csv')} download={`parley-report-${summary.period}.csv`}>
            CSV ({summary.period})
          </a>
        </li>
        <li>
          <a href={documentUrl(summary.index, 'json')} download={`parley-report-${summary.period}.json`}>
            JSON ({summary.period})
          </a>
        </li>
        <li>
          <a href={documentUrl(summary.index, 'note')} download={`parley-report-${summary.period}.note`}>
            Signed note ({summary.period})
          </a>
        </li>
      </ul>
      {held.length > 0 && (
        <>
          <h3>Policy statements</h3>
          <ul class="tp-statements">
            {held.map((t) => (
              <li key={t.code} class="tp-restricted">
                <strong>
                  {t.name}: {statusLabel(t.status)} since {t.since}.
                </strong>{' '}
                {t.statement}
              </li>
            ))}
          </ul>
        </>
      )}
      <BarChart
        title={`What became of each jurisdiction's requests, ${summary.period}`}
        bars={outcomeBars(totals)}
      />
      <ReportTable period={summary.period} rows={report.rows} />
      {report.rows.some((r) => r.footnotes) && (
        <>
          <h3>Footnotes</h3>
          <ul>
            {report.rows
              .filter((r) => r.footnotes)
              .map((r) => (
                <li key={`${r.jurisdiction} ${r.requestClass}`}>
                  {r.jurisdiction} {r.requestClass.replaceAll('_', ' ')}: {r.footnotes}
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}
