import type { CaseActionBody } from '@parley/protocol';
import { Link } from '../../router/link.tsx';
import { CaseFacts } from '../case/case-facts.tsx';
import { CaseHistory } from '../case/case-history.tsx';
import { CaseProgress } from '../case/case-progress.tsx';
import { CaseRecord } from '../case/case-record.ts';
import { isEnded, stateLabel } from '../case/case-states.ts';
import { DecisionActions } from '../case/decision-actions.tsx';
import { OtherActions } from '../case/other-actions.tsx';
import { ReviewActions } from '../case/review-actions.tsx';
import { RefusalView } from '../refusal-view.tsx';
import { useSignedIn, useStaff } from '../review-context.ts';
import { useResource } from '../use-resource.ts';

/** One request: the facts and gate, what has been decided, the next step the reviewer's roles allow. */
export function CaseScreen(props: Readonly<{ reference: string }>) {
  const { api } = useStaff();
  const session = useSignedIn();
  const params = { reference: props.reference };
  const item = useResource(`case:${props.reference}`, () => api.call('getCase', { params }));
  const act = async (body: CaseActionBody) => {
    await api.call('actOnCase', { params, body });
    await item.reload();
  };
  const view = item.data;
  const parsed = view?.detail ? CaseRecord.safeParse(view.detail) : undefined;
  const roles = session.session.roles;
  const me = session.session.id;
  return (
    <>
      <p>
        <Link href="/review/cases">All requests</Link>
      </p>
      <h1 tabIndex={-1}>Request {props.reference}</h1>
      <RefusalView refusal={item.refusal} />
      {view === undefined ? (
        item.loading && <p role="status">Loading the request…</p>
      ) : parsed === undefined || !parsed.success ? (
        <p class="error">The server's record of this request could not be read.</p>
      ) : (
        <>
          <p class="case-state">
            State:{' '}
            <strong class={`status status-state-${view.state}`} data-state={view.state}>
              {stateLabel(view.state)}
            </strong>
            {view.openQuestion && ` · waiting for the officer's answer to “${view.openQuestion}”`}
          </p>
          <section class="card next-step" aria-labelledby="next-heading">
            <h2 id="next-heading">Next step</h2>
            {isEnded(view.state) ? <p>Nothing more happens to this request.</p> : null}
            <ReviewActions state={view.state} record={parsed.data} roles={roles} act={act} />
            <DecisionActions state={view.state} record={parsed.data} roles={roles} me={me} act={act} />
            <OtherActions state={view.state} roles={roles} act={act} />
          </section>
          <CaseFacts view={view} record={parsed.data} />
          <CaseProgress record={parsed.data} me={me} />
          <CaseHistory record={parsed.data} me={me} />
        </>
      )}
    </>
  );
}
