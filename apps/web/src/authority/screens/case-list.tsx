import { useEffect, useState } from 'preact/hooks';
import { Link } from '../../router/link.tsx';
import { FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { CaseView, OfficerPortal } from '../officer-portal.ts';
import { formatTime, isOpenState, requestTypeLabel, stateLabel } from '../vocabulary.ts';

/** The agency's requests, newest first, with their state and deadline; overdue ones are marked in words. */
export function CaseList(props: Readonly<{ portal: OfficerPortal }>) {
  const { portal } = props;
  const [cases, setCases] = useState<readonly CaseView[] | undefined>(undefined);
  const load = useAction(async () => setCases(await portal.cases()));
  useEffect(() => {
    void load.run();
  }, [portal]);
  const sorted = [...(cases ?? [])].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  return (
    <>
      <div class="screen-head">
        <h1 tabIndex={-1}>Your agency’s requests</h1>
        <button type="button" class="secondary" onClick={() => void load.run()} disabled={load.busy}>
          Refresh
        </button>
      </div>
      <FormError error={load.error} />
      {cases === undefined ? (
        <p role="status">Loading…</p>
      ) : sorted.length === 0 ? (
        <p class="empty">
          No requests yet. <Link href="/authority/new">Submit a request</Link>
        </p>
      ) : (
        <ul class="au-cases">
          {sorted.map((c) => (
            <li key={c.reference}>
              <Link href={`/authority/requests/${encodeURIComponent(c.reference)}`} class="au-case-link">
                <span class="code au-case-ref">{c.reference}</span>
                <span class={`au-state au-state-${c.state}`}>{stateLabel(c.state)}</span>
                <span class="muted">{requestTypeLabel(c.requestType)}</span>
                <Deadline view={c} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The deadline as text; "Overdue" is a word, not only a colour. */
export function Deadline(props: Readonly<{ view: CaseView }>) {
  const { view } = props;
  // A produced request has met its deadline; a held one is counted as paused, not late.
  const running = isOpenState(view.state) && view.state !== 'production' && view.state !== 'held_by_policy';
  if (view.deadlineAt === null || !running) return <span class="muted">No deadline running</span>;
  return (
    <span class={view.overdue ? 'au-deadline au-overdue' : 'au-deadline'}>
      {view.overdue ? 'Overdue since ' : 'Due '}
      <time dateTime={view.deadlineAt}>{formatTime(view.deadlineAt)}</time>
    </span>
  );
}
