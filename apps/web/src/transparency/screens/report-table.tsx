import { TableScroll } from '../../ui/table-scroll.tsx';
import { type ReportRow, restrictive, statusLabel } from '../report-document.ts';

/** The report's rows as published: one per jurisdiction and request class, restrictive statuses marked. */
export function ReportTable(props: Readonly<{ period: string; rows: readonly ReportRow[] }>) {
  if (props.rows.length === 0) return <p>No requests were received in {props.period}.</p>;
  return (
    <>
      <p class="hint">
        Content disclosed is always 0: messages are end-to-end encrypted and Parley cannot read them.
      </p>
      <TableScroll label={`Report ${props.period} table`}>
        <table class="tp-report">
          <caption>Requests by jurisdiction and request class, {props.period}</caption>
          <thead>
            <tr>
              <th scope="col">Jurisdiction</th>
              <th scope="col">Policy status</th>
              <th scope="col">Request class</th>
              <th scope="col">Received</th>
              <th scope="col">Accounts specified</th>
              <th scope="col">With data produced</th>
              <th scope="col">Content disclosed</th>
              <th scope="col">Non-content disclosed</th>
              <th scope="col">No data or not held</th>
              <th scope="col">Rejected</th>
              <th scope="col">Redirected</th>
              <th scope="col">Paused, not processed</th>
              <th scope="col">Withdrawn</th>
              <th scope="col">Notices given / deferred by order</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr
                key={`${r.jurisdiction} ${r.requestClass}`}
                class={restrictive.has(r.policyStatus) ? 'tp-restricted' : undefined}
              >
                <th scope="row">
                  {r.jurisdictionName} <span class="code">{r.jurisdiction}</span>
                </th>
                <td>
                  <span class={`tp-status tp-status-${r.policyStatus}`}>{statusLabel(r.policyStatus)}</span>
                  {r.policySince && <span class="tp-since"> since {r.policySince}</span>}
                </td>
                <td>{r.requestClass.replaceAll('_', ' ')}</td>
                <td>{r.requestsReceived}</td>
                <td>
                  {r.accountsSpecifiedMin}
                  {r.accountsSpecifiedMax !== String(r.accountsSpecifiedMin) && r.accountsSpecifiedMax
                    ? `–${r.accountsSpecifiedMax}`
                    : ''}
                </td>
                <td>
                  {r.requestsWithDataProduced} ({percent(r.percentWithDataProduced)})
                </td>
                <td>{r.contentDisclosed}</td>
                <td>{r.nonContentDisclosed}</td>
                <td>{r.noDataOrNotHeld}</td>
                <td>
                  {r.rejected}
                  {r.topRejectionReasons && <span class="tp-since"> ({r.topRejectionReasons})</span>}
                </td>
                <td>{r.redirected}</td>
                <td>{r.pausedNotProcessed}</td>
                <td>{r.withdrawn}</td>
                <td>
                  {r.noticesGiven} / {r.noticesDeferredByOrder}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** The report writes the share as a number (`25.0`); a reader expects the sign. */
const percent = (value: string) => (/^\d+(\.\d+)?$/.test(value) ? `${value}%` : value);
