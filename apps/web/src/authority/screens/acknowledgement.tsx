import { Link } from '../../router/link.tsx';
import type { OfficerPortal } from '../officer-portal.ts';
import { formatTime, stateLabel } from '../vocabulary.ts';

/**
 * What Parley answered at submission: the reference, the state, the deadline, and — when the jurisdiction's
 * policy holds or redirects the request — the policy's own public statement (Hong Kong's pause notice).
 */
export function AcknowledgementScreen(props: Readonly<{ portal: OfficerPortal; reference: string }>) {
  const ack = props.portal.lastAcknowledgement.value;
  const detail = `/authority/requests/${encodeURIComponent(props.reference)}`;
  if (ack === undefined || ack.reference !== props.reference)
    return (
      <>
        <h1 tabIndex={-1}>Request {props.reference}</h1>
        <p>
          <Link href={detail}>See the request’s current state</Link>
        </p>
      </>
    );
  const held = ack.state === 'held_by_policy';
  const redirected = ack.state === 'redirected';
  return (
    <>
      <h1 tabIndex={-1}>Request received</h1>
      <section class="card" aria-labelledby="ack-heading">
        <h2 id="ack-heading">
          Reference <span class="code">{ack.reference}</span>
        </h2>
        <dl class="au-facts">
          <dt>State</dt>
          <dd>
            <span class={`au-state au-state-${ack.state}`}>{stateLabel(ack.state)}</span>
          </dd>
          <dt>Received</dt>
          <dd>
            <time dateTime={ack.receivedAt}>{formatTime(ack.receivedAt)}</time>
          </dd>
          <dt>Deadline</dt>
          <dd>
            {ack.deadlineAt ? (
              <time dateTime={ack.deadlineAt}>{formatTime(ack.deadlineAt)}</time>
            ) : (
              'None set'
            )}
          </dd>
        </dl>
        <p>{ack.text}</p>
      </section>
      {(held || redirected) && ack.policyStatement && (
        <section class="au-policy-notice" aria-labelledby="policy-heading" role="note">
          <h2 id="policy-heading">
            {held ? 'This request is held: the jurisdiction is paused' : 'Use the treaty route'}
          </h2>
          <p>{ack.policyStatement}</p>
          {ack.treatyNotice && <p>{ack.treatyNotice}</p>}
          <p class="muted">
            {held
              ? 'The request is recorded and counted in Parley’s public transparency report. It will not be reviewed and no data will be produced while the policy stands.'
              : 'Parley does not process this request directly.'}
          </p>
        </section>
      )}
      {ack.flags.length > 0 && (
        <section class="card" aria-labelledby="flags-heading">
          <h2 id="flags-heading">Noted for the reviewers</h2>
          <ul>
            {ack.flags.map((f) => (
              <li key={`${f.code}-${f.category ?? ''}`}>{f.message}</li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <Link href={detail}>Track this request</Link> · <Link href="/authority/requests">All requests</Link>
      </p>
    </>
  );
}
