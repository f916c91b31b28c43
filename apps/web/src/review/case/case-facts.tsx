import type { RouteResponse } from '@parley/protocol';
import { type CaseRecord, when, words } from './case-record.ts';

type View = RouteResponse<'getCase'>;

const agencyStandingNotes = {
  pending: 'The agency is not approved.',
  suspended:
    'The agency is suspended by a policy admin: its officers cannot sign in, answer or withdraw until it is reinstated.',
  withdrawn: 'The agency’s approval was withdrawn for good: its officers can no longer sign in.',
} as const;

/** What was asked, by whom, under which instrument; the gate's result and the flags a reviewer must weigh. */
export function CaseFacts(props: Readonly<{ view: View; record: CaseRecord }>) {
  const { view, record } = props;
  const s = record.submission;
  const order = s.nonDisclosureOrder;
  return (
    <section class="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading">The request</h2>
      <dl class="facts">
        <dt>From</dt>
        <dd>
          {view.agency === null ? '' : `${view.agency.name}, `}
          {words(record.agency.kind)} in {record.agency.jurisdiction} · {words(record.channel)} channel
          {view.agency !== null && view.agency.standing !== 'approved' && (
            <p class="error" role="note">
              {agencyStandingNotes[view.agency.standing]}
            </p>
          )}
        </dd>
        <dt>Type</dt>
        <dd>{words(view.requestType)}</dd>
        <dt>Accounts</dt>
        <dd>
          {s.targets.map((t, i) => (
            <span key={t.username ?? t.accountId ?? i} class="tag">
              {t.username ?? t.accountId}
              {record.targetJurisdictions[i] ? ` (${record.targetJurisdictions[i]})` : ''}
            </span>
          ))}
        </dd>
        <dt>Categories asked for</dt>
        <dd>{record.categories.map(words).join(', ') || '—'}</dd>
        <dt>Period</dt>
        <dd>
          {record.dateRange.from} to {record.dateRange.to}
        </dd>
        <dt>Instrument</dt>
        <dd>
          {words(s.instrument.type)}, issued by {s.instrument.issuer} on {s.instrument.date}, signed by{' '}
          {s.instrument.signatory}
        </dd>
        <dt>Legal basis</dt>
        <dd>{s.legalBasis}</dd>
        <dt>Offence</dt>
        <dd>{s.offenceClassification}</dd>
        <dt>Non-disclosure order</dt>
        <dd>{order ? `${order.reference}, until ${order.expiresOn}` : 'None'}</dd>
        {s.emergency && (
          <>
            <dt>Emergency basis</dt>
            <dd>{s.emergency.factualBasis}</dd>
          </>
        )}
        <dt>Received</dt>
        <dd>{when(view.receivedAt)}</dd>
        <dt>Deadline</dt>
        <dd>
          {view.overdue ? (
            <strong class="error">Overdue · {when(view.deadlineAt)}</strong>
          ) : (
            when(view.deadlineAt)
          )}
        </dd>
      </dl>
      <GateResult record={record} />
      <Flags record={record} />
    </section>
  );
}

const outcomeText: Readonly<Record<string, string>> = {
  proceed: 'Proceed',
  hold: 'Held by policy',
  redirect: 'Redirected to the treaty route',
  refuse: 'Refused',
};

function GateResult(props: Readonly<{ record: CaseRecord }>) {
  const g = props.record.gate;
  return (
    <div class={`gate gate-${g.outcome}`}>
      <h3>Jurisdiction gate</h3>
      <p>
        <strong class={`status status-${g.outcome}`}>{outcomeText[g.outcome] ?? words(g.outcome)}</strong>{' '}
        <span class="muted">evaluated {when(g.evaluatedAt)}</span>
      </p>
      {g.decisive && (
        <p>
          {g.decisive.jurisdiction} is {g.decisive.status}: “{g.decisive.statement}”
        </p>
      )}
      {g.reasonCode && <p>Reason: {words(g.reasonCode)}</p>}
      {g.restricted && (
        <p>Restricted policy: only {g.allowedCategories.map(words).join(', ')} may be considered.</p>
      )}
      {g.humanRightsReview && <p class="flag">Human-rights review required.</p>}
    </div>
  );
}

function Flags(props: Readonly<{ record: CaseRecord }>) {
  const { flags, gate } = props.record;
  if (flags.length === 0 && gate.matchedOffences.length === 0) return <p class="muted">No intake flags.</p>;
  return (
    <div>
      <h3>Flags</h3>
      <ul class="flags">
        {flags.map((f) => (
          <li key={`${f.code}-${f.category ?? ''}`} class="flag">
            <strong>{words(f.code)}</strong>
            {f.category ? ` (${words(f.category)})` : ''}: {f.message}
          </li>
        ))}
        {gate.matchedOffences.length > 0 && (
          <li class="flag">
            <strong>Offence denylist</strong>: the offence matches{' '}
            {gate.matchedOffences.map((o) => `“${o}”`).join(', ')}, which calls for human-rights review.
          </li>
        )}
      </ul>
    </div>
  );
}
