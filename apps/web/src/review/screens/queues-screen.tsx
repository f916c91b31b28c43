import type { RouteResponse } from '@parley/protocol';
import { Link } from '../../router/link.tsx';
import { TableScroll } from '../../ui/table-scroll.tsx';
import { when } from '../case/case-record.ts';
import { isEnded, queueRank, stateLabel } from '../case/case-states.ts';
import { RefusalView } from '../refusal-view.tsx';
import { useStaff } from '../review-context.ts';
import { useResource } from '../use-resource.ts';

type CaseSummary = RouteResponse<'listCases'>['cases'][number];
type Queue = Readonly<{ id: string; title: string; note?: string; cases: readonly CaseSummary[] }>;

/** Queues by state, overdue work first, held requests shown as held (they are counted, not late). */
export function QueuesScreen() {
  const { api } = useStaff();
  const list = useResource('cases', async () => {
    const [cases, overdue] = await Promise.all([
      api.call('listCases', { query: { limit: 500 } }),
      api.call('overdueCases'),
    ]);
    return { cases: cases.cases, overdue: new Set(overdue.cases.map((c) => c.reference)) };
  });
  const data = list.data;
  return (
    <>
      <div class="screen-head">
        <h1 tabIndex={-1}>Requests</h1>
        <button type="button" class="secondary" onClick={() => void list.reload()} disabled={list.loading}>
          Refresh
        </button>
      </div>
      <RefusalView refusal={list.refusal} />
      {data === undefined ? (
        list.loading && <p role="status">Loading requests…</p>
      ) : data.cases.length === 0 ? (
        <p class="empty">No requests have been received.</p>
      ) : (
        queuesOf(data.cases, data.overdue).map((q) => <QueueTable key={q.id} queue={q} />)
      )}
    </>
  );
}

function queuesOf(cases: readonly CaseSummary[], overdue: ReadonlySet<string>): Queue[] {
  const byDeadline = (a: CaseSummary, b: CaseSummary) =>
    (a.deadlineAt ?? '9999').localeCompare(b.deadlineAt ?? '9999') ||
    a.receivedAt.localeCompare(b.receivedAt);
  const late = cases.filter((c) => overdue.has(c.reference) || c.overdue).sort(byDeadline);
  const rest = cases.filter((c) => !late.includes(c));
  const states = [...new Set(rest.map((c) => c.state))].sort((a, b) => queueRank(a) - queueRank(b));
  return [
    ...(late.length > 0 ? [{ id: 'overdue', title: 'Overdue', cases: late }] : []),
    ...states.map((state) => ({
      id: state,
      title: stateLabel(state),
      ...(state === 'held_by_policy'
        ? { note: 'Held by a jurisdiction policy: recorded and counted, not reviewed. Not counted as late.' }
        : isEnded(state)
          ? { note: 'Ended.' }
          : {}),
      cases: rest.filter((c) => c.state === state).sort(byDeadline),
    })),
  ];
}

function QueueTable(props: Readonly<{ queue: Queue }>) {
  const { queue } = props;
  const headingId = `queue-${queue.id}`;
  return (
    <section class={`queue queue-${queue.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {queue.title} <span class="count">({queue.cases.length})</span>
      </h2>
      {queue.note && <p class="hint">{queue.note}</p>}
      <TableScroll label={`${queue.title} requests`}>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Type</th>
              <th scope="col">State</th>
              <th scope="col">Received</th>
              <th scope="col">Deadline</th>
            </tr>
          </thead>
          <tbody>
            {queue.cases.map((c) => (
              <tr
                key={c.reference}
                class={c.state === 'held_by_policy' ? 'held' : c.overdue ? 'late' : undefined}
              >
                <th scope="row">
                  <Link href={`/review/cases/${encodeURIComponent(c.reference)}`}>{c.reference}</Link>
                </th>
                <td>{c.requestType.replaceAll('_', ' ')}</td>
                <td>
                  {c.state === 'held_by_policy' ? (
                    <span class="status status-held">Held by policy</span>
                  ) : (
                    stateLabel(c.state)
                  )}
                  {c.agency !== null && c.agency.standing !== 'approved' && (
                    <>
                      {' '}
                      <span class="tag">agency {c.agency.standing}</span>
                    </>
                  )}
                </td>
                <td>{when(c.receivedAt)}</td>
                <td>
                  {c.overdue ? (
                    <strong class="error">Overdue · {when(c.deadlineAt)}</strong>
                  ) : (
                    when(c.deadlineAt)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
