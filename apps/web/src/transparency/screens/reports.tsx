import { Link } from '../../router/link.tsx';
import { BarChart } from '../bar-chart.tsx';
import { latestPerPeriod } from '../public-data.ts';
import { receivedOverTime } from '../report-aggregate.ts';
import { useTransparency } from '../transparency-services.ts';
import { useLoaded } from '../use-loaded.ts';
import { ReportSection } from './report-section.tsx';

/** Every half-year's latest published report, newest first, with what the numbers cannot show. */
export function Reports() {
  const { data } = useTransparency();
  const loaded = useLoaded(async () => {
    const summaries = latestPerPeriod(await data.reports());
    return Promise.all(
      summaries.map(async (summary) => ({ summary, ...(await data.report(summary.index)) })),
    );
  });
  return (
    <>
      <h1 tabIndex={-1}>Transparency reports</h1>
      <p class="lede">
        Every government request Parley receives, from anywhere, is logged in a public Merkle log, and these
        reports are computed from that log. This page checks them in your browser: see{' '}
        <Link href="/transparency/log">Verify the log</Link>.
      </p>
      {loaded.state === 'loading' && <p role="status">Loading the published reports…</p>}
      {loaded.state === 'failed' && <p class="error">The reports could not be loaded: {loaded.error}</p>}
      {loaded.state === 'ready' && loaded.value.length === 0 && <p>No report has been published yet.</p>}
      {loaded.state === 'ready' && loaded.value.length > 0 && (
        <>
          {loaded.value.map(({ summary, document, sha256 }) => (
            <ReportSection key={summary.index} summary={summary} report={document} sha256={sha256} />
          ))}
          <section class="card" aria-labelledby="over-time">
            <h2 id="over-time">Requests per jurisdiction and half-year</h2>
            <BarChart
              title="Requests received per jurisdiction and half-year, and how many had data produced"
              bars={receivedOverTime(
                loaded.value.map((v) => ({ period: v.summary.period, rows: v.document.rows })),
              )}
            />
          </section>
          <section class="card" aria-labelledby="barred">
            <h2 id="barred">What Parley may be barred from reporting</h2>
            <ul>
              {(loaded.value[0]?.document.barredFromReporting ?? []).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
