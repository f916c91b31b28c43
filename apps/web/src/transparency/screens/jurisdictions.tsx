import { Link } from '../../router/link.tsx';
import { TableScroll } from '../../ui/table-scroll.tsx';
import { dayOf } from '../day.ts';
import { statusesAt } from '../policy-statuses.ts';
import { restrictive, statusLabel } from '../report-document.ts';
import { useTransparency } from '../transparency-services.ts';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const nameOf = (code: string) => {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
};

/** Each jurisdiction's policy status, derived in this browser from the verified log's policy events. */
export function Jurisdictions() {
  const { verifier } = useTransparency();
  const verdict = verifier.verdict.value;
  return (
    <>
      <h1 tabIndex={-1}>Jurisdiction statuses</h1>
      <p class="lede">
        Each status below is read from the policy changes in the public log, after this browser verified it,
        not from anything the server says about itself.
      </p>
      {verdict.phase === 'idle' || verdict.phase === 'running' ? (
        <p role="status">Verifying the log… the statuses appear once it verifies.</p>
      ) : verdict.phase === 'failed' ? (
        <p class="error">
          The log did not verify, so no status can be shown from it.{' '}
          <Link href="/transparency/log">See why</Link>.
        </p>
      ) : (
        <StatusTable policies={verdict.summary.policies} />
      )}
    </>
  );
}

function StatusTable(props: Readonly<{ policies: Parameters<typeof statusesAt>[0] }>) {
  const statuses = statusesAt(props.policies, Date.now());
  if (statuses.length === 0) return <p>The log holds no jurisdiction policy yet.</p>;
  return (
    <TableScroll label="Jurisdiction statuses table">
      <table class="tp-report">
        <caption>
          Policy in force per jurisdiction, from the log (paused, redirected and suspended first)
        </caption>
        <thead>
          <tr>
            <th scope="col">Jurisdiction</th>
            <th scope="col">Status</th>
            <th scope="col">Since</th>
            <th scope="col">Applies to requests</th>
            <th scope="col">Emergencies</th>
            <th scope="col">Statement</th>
          </tr>
        </thead>
        <tbody>
          {statuses.map(({ jurisdiction, current, next }) => (
            <tr key={jurisdiction} class={restrictive.has(current.status) ? 'tp-restricted' : undefined}>
              <th scope="row">
                {nameOf(jurisdiction)} <span class="code">{jurisdiction}</span>
              </th>
              <td>
                <span class={`tp-status tp-status-${current.status}`}>{statusLabel(current.status)}</span>
              </td>
              <td>
                {dayOf(current.effectiveFrom)} (version {current.version})
                {next && (
                  <span class="tp-since">
                    ; {statusLabel(next.status)} from {dayOf(next.effectiveFrom)}
                  </span>
                )}
              </td>
              <td>{scopeText[current.scope] ?? current.scope}</td>
              <td>{current.emergencyRule.replaceAll('_', ' ')}</td>
              <td class="tp-statement">{current.statement}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

const scopeText: Readonly<Record<string, string>> = {
  issuer: 'from its authorities',
  target: 'about people there',
  both: 'from its authorities and about people there',
};
