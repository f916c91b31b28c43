import { useEffect } from 'preact/hooks';
import type { Messenger } from '../messenger.ts';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** Government requests about this account that Parley was free to tell its member about. */
export function Notices(props: Readonly<{ messenger: Messenger }>) {
  const { messenger } = props;
  useEffect(() => {
    void messenger.refreshNotices();
  }, [messenger]);
  const notices = messenger.notices.value;
  return (
    <>
      <h1 tabIndex={-1}>Government requests about you</h1>
      <p class="lede">
        When an authority asks Parley for data about your account, Parley tells you here as soon as the law
        allows. Message content is end-to-end encrypted: Parley cannot read it and never discloses it.
      </p>
      {notices.length === 0 ? (
        <p class="empty">No requests about your account have been notified to you.</p>
      ) : (
        <ul class="notices">
          {notices.map((n) => (
            <li key={n.id} class="card">
              <h2>
                {n.jurisdictionName}: {n.requestType.replaceAll('_', ' ')}
              </h2>
              <dl>
                <dt>Received</dt>
                <dd>{day.format(new Date(n.receivedOn))}</dd>
                <dt>From</dt>
                <dd>{n.authorityKind.replaceAll('_', ' ')}</dd>
                <dt>Period asked about</dt>
                <dd>
                  {n.dateRange.from} to {n.dateRange.to}
                </dd>
                <dt>Data asked for</dt>
                <dd>{n.categoriesRequested.join(', ') || 'none named'}</dd>
                <dt>Data disclosed</dt>
                <dd>{n.categoriesDisclosed.join(', ') || 'nothing'}</dd>
                {n.objectionWindowEndsAt && (
                  <>
                    <dt>You may object until</dt>
                    <dd>{day.format(new Date(n.objectionWindowEndsAt))}</dd>
                  </>
                )}
              </dl>
              {n.delayedByOrder && <p>A court order kept Parley from telling you sooner.</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
