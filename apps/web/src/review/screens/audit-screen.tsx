import type { RouteResponse } from '@parley/protocol';
import { useState } from 'preact/hooks';
import { TableScroll } from '../../ui/table-scroll.tsx';
import { when } from '../case/case-record.ts';
import { RefusalView } from '../refusal-view.tsx';
import { useStaff } from '../review-context.ts';
import { useResource } from '../use-resource.ts';

type AuditEvent = RouteResponse<'readAudit'>['events'][number];
const pageSize = 200;

/** The whole audit trail for auditors, with the server's check of its hash chain. */
export function AuditScreen() {
  const { api } = useStaff();
  const [after, setAfter] = useState(0);
  const verification = useResource('audit-verification', () => api.call('verifyAudit'));
  const page = useResource(`audit:${after}`, () =>
    api.call('readAudit', { query: { after, limit: pageSize } }),
  );
  const v = verification.data;
  const events = page.data?.events ?? [];
  return (
    <>
      <h1 tabIndex={-1}>Audit log</h1>
      <p class="lede">
        Every read, write and refusal by staff, officers and the server's clock. Each entry's hash covers the
        one before it, so an edited or removed entry breaks the chain from there on.
      </p>
      <section class="card" aria-labelledby="chain-heading">
        <h2 id="chain-heading">Hash chain</h2>
        <RefusalView refusal={verification.refusal} />
        {v === undefined ? (
          verification.loading && <p role="status">Checking the chain…</p>
        ) : v.ok ? (
          <p class="ok" role="status">
            Intact: all {v.checked} entries link to the one before.
          </p>
        ) : (
          <p class="error" role="alert">
            Broken at entry {v.firstBrokenSeq}: the log was changed after it was written ({v.checked}{' '}
            checked).
          </p>
        )}
        <button type="button" class="secondary" onClick={() => void verification.reload()}>
          Check again
        </button>
      </section>
      <RefusalView refusal={page.refusal} />
      <TableScroll label={'Audit log entries'}>
        <table class="data">
          <caption>Entries after {after}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Object</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e: AuditEvent) => (
              <tr key={e.seq}>
                <td>{e.seq}</td>
                <td>{when(e.at)}</td>
                <td>{e.actor}</td>
                <td>{e.action.replaceAll('_', ' ')}</td>
                <td class="code">{e.object}</td>
                <td class="code hash" title={e.hash}>
                  {e.hash.slice(0, 12)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        {after > 0 && (
          <button type="button" class="secondary" onClick={() => setAfter(Math.max(0, after - pageSize))}>
            Earlier entries
          </button>
        )}{' '}
        {page.data?.more && (
          <button type="button" class="secondary" onClick={() => setAfter(events.at(-1)?.seq ?? after)}>
            Later entries
          </button>
        )}
      </p>
    </>
  );
}
