import { Fragment } from 'preact';
import type { CaseRecord } from './case-record.ts';
import { when, words } from './case-record.ts';
import { who } from './people.ts';
import { reasonLabel } from './reason-codes.ts';

/** Reviews, clarifications, the decision and its signatures, the notice or its order, the production. */
export function CaseProgress(props: Readonly<{ record: CaseRecord; me: string }>) {
  const { record: r, me } = props;
  const decided = r.decision ?? r.proposal;
  return (
    <section class="card" aria-labelledby="progress-heading">
      <h2 id="progress-heading">Review so far</h2>
      <dl class="facts">
        {r.clarifications.map((c) => (
          <Fragment key={c.askedAt}>
            <dt>Clarification asked {when(c.askedAt)}</dt>
            <dd>
              “{c.question}” — {c.answer === null ? 'waiting for the officer' : `answered: “${c.answer}”`}
            </dd>
          </Fragment>
        ))}
        <dt>Legal review</dt>
        <dd>
          {r.legalReview
            ? `by ${who(r.legalReview.by, me)}, ${when(r.legalReview.at)}: ${r.legalReview.notes}`
            : 'Not yet'}
        </dd>
        {(r.humanRightsReview || r.gate.humanRightsReview) && (
          <>
            <dt>Human-rights review</dt>
            <dd>
              {r.humanRightsReview
                ? `${r.humanRightsReview.cleared ? 'Cleared' : 'Not cleared'} by ${who(r.humanRightsReview.by, me)}: ${r.humanRightsReview.notes}`
                : 'Required, not yet done'}
            </dd>
          </>
        )}
        <dt>Decision</dt>
        <dd>
          {decided ? (
            <>
              <strong>{words(decided.outcome)}</strong>
              {decided.categories.length > 0 && ` of ${decided.categories.map(words).join(', ')}`} · reasons:{' '}
              {decided.reasonCodes.map(reasonLabel).join(', ')}
              <br />
              First signature: {who(decided.proposedBy, me)}
              {r.decision ? (
                <>
                  {' '}
                  · second signature: {who(r.decision.countersignedBy, me)},{' '}
                  {when(r.decision.countersignedAt)}
                </>
              ) : (
                ' · waiting for a second signature from another staff member'
              )}
            </>
          ) : (
            'Not yet proposed'
          )}
        </dd>
        <dt>Notice to the member</dt>
        <dd>
          <NoticeText record={r} />
        </dd>
        <dt>Production</dt>
        <dd>
          {r.production
            ? `${r.production.categories.map(words).join(', ')} produced by ${who(r.production.by, me)}, ${when(r.production.at)}`
            : 'Nothing produced'}
        </dd>
      </dl>
    </section>
  );
}

function NoticeText(props: Readonly<{ record: CaseRecord }>) {
  const n = props.record.notice;
  const order = props.record.submission.nonDisclosureOrder;
  if (n === null)
    return (
      <>
        Not scheduled yet.{' '}
        {order
          ? `A non-disclosure order (${order.reference}) binds until ${order.expiresOn}: the notice will be deferred to its end.`
          : 'It is sent when the disclosure is signed, and production waits for the objection window.'}
      </>
    );
  switch (n.status) {
    case 'sent':
      return (
        <>
          Sent {when(n.sentAt)}; the member may object until {when(n.objectionWindowEndsAt)}.
        </>
      );
    case 'deferred':
      return (
        <>
          <strong>Deferred by the non-disclosure order</strong>
          {order ? ` ${order.reference}` : ''}; it falls due {when(n.dueAt)} and the server sends it then.
        </>
      );
    case 'not_given':
      return <>Not given: {n.exceptionReason}</>;
  }
}
