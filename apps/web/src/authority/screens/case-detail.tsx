import { useEffect, useState } from 'preact/hooks';
import { Link } from '../../router/link.tsx';
import { FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { CaseView, OfficerPortal } from '../officer-portal.ts';
import { formatTime, isOpenState, requestTypeLabel, stateLabel } from '../vocabulary.ts';
import { ClarificationPanel, WithdrawPanel } from './case-actions.tsx';
import { Deadline } from './case-list.tsx';
import { ProductionPanel } from './production-panel.tsx';

/** One request as its agency may see it: state, deadline, acknowledgement, and what the officer can do. */
export function CaseDetail(props: Readonly<{ portal: OfficerPortal; reference: string }>) {
  const { portal, reference } = props;
  const [view, setView] = useState<CaseView | undefined>(undefined);
  const load = useAction(async () => setView(await portal.getCase(reference)));
  useEffect(() => {
    setView(undefined);
    void load.run();
  }, [reference]);
  const reload = () => load.run();
  return (
    <>
      <h1 tabIndex={-1}>
        Request <span class="code">{reference}</span>
      </h1>
      <p>
        <Link href="/authority/requests">All requests</Link>
      </p>
      <FormError error={load.error} />
      {view === undefined ? (
        load.error ? null : (
          <p role="status">Loading…</p>
        )
      ) : (
        <>
          <div class="card">
            <dl class="au-facts">
              <dt>State</dt>
              <dd>
                <span class={`au-state au-state-${view.state}`}>{stateLabel(view.state)}</span>
              </dd>
              <dt>Type</dt>
              <dd>{requestTypeLabel(view.requestType)}</dd>
              <dt>Received</dt>
              <dd>
                <time dateTime={view.receivedAt}>{formatTime(view.receivedAt)}</time>
              </dd>
              <dt>Deadline</dt>
              <dd>
                <Deadline view={view} />
              </dd>
            </dl>
            <p>
              <span class="muted">Acknowledged at receipt: </span>
              {view.acknowledgement}
            </p>
          </div>
          {view.state === 'clarification' && view.openQuestion && (
            <ClarificationPanel
              portal={portal}
              view={view}
              question={view.openQuestion}
              onChanged={setView}
            />
          )}
          {(view.state === 'production' || view.productionReady) && (
            <ProductionPanel portal={portal} view={view} onRecheck={reload} />
          )}
          {isOpenState(view.state) && view.state !== 'production' && (
            <WithdrawPanel portal={portal} view={view} onChanged={setView} />
          )}
        </>
      )}
    </>
  );
}
