import { useState } from 'preact/hooks';
import { when } from '../case/case-record.ts';
import { who } from '../case/people.ts';
import { RefusalView } from '../refusal-view.tsx';
import { useSignedIn, useStaff } from '../review-context.ts';
import { useResource } from '../use-resource.ts';
import { useStaffAction } from '../use-staff-action.ts';
import { type Agency, StandingForm } from './standing-form.tsx';

export const standingLabels: Readonly<Record<Agency['standing'], string>> = {
  pending: 'Awaiting approval',
  approved: 'Approved',
  suspended: 'Suspended',
  withdrawn: 'Withdrawn',
};

/** Every agency, its standing and the last reason given, with the changes its standing allows. */
export function AgencyList(
  props: Readonly<{
    agencies: readonly Agency[];
    onChanged: () => Promise<void>;
    onResetProposed: () => Promise<void>;
  }>,
) {
  return (
    <section class="card" aria-labelledby="agencies-heading">
      <h2 id="agencies-heading">Agencies ({props.agencies.length})</h2>
      {props.agencies.length === 0 ? (
        <p class="empty">No agency is registered.</p>
      ) : (
        <ul class="agencies">
          {props.agencies.map((a) => (
            <li key={a.id} class={`agency standing-${a.standing}`}>
              <p>
                <strong>{a.name}</strong> <span class="muted">({a.jurisdiction})</span>{' '}
                <span class="tag">{standingLabels[a.standing]}</span>
                {a.standingReason !== null && (
                  <>
                    <br />
                    <span class="muted">
                      {when(a.standingChangedAt)}: {a.standingReason}
                    </span>
                  </>
                )}
              </p>
              <StandingForm agency={a} onChanged={props.onChanged} />
              <Officers agency={a} onResetProposed={props.onResetProposed} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Officers(props: Readonly<{ agency: Agency; onResetProposed: () => Promise<void> }>) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>History and officers of {props.agency.name}</summary>
      {open && (
        <>
          <StandingHistory agency={props.agency} />
          <OfficerList agency={props.agency} onResetProposed={props.onResetProposed} />
        </>
      )}
    </details>
  );
}

function StandingHistory(props: Readonly<{ agency: Agency }>) {
  const { api } = useStaff();
  const session = useSignedIn();
  const history = useResource(`standing:${props.agency.id}:${props.agency.standingChangedAt}`, () =>
    api.call('agencyStandingHistory', { params: { agencyId: props.agency.id } }),
  );
  const changes = history.data?.changes ?? [];
  return (
    <>
      <h3>Standing changes</h3>
      <RefusalView refusal={history.refusal} />
      {history.data && changes.length === 0 && <p class="empty">Never suspended or withdrawn.</p>}
      <ol>
        {changes.map((c) => (
          <li key={`${c.changedAt}-${c.action}`}>
            {when(c.changedAt)}: {actionLabels[c.action]} by {who(c.changedBy, session.session.id)}.{' '}
            {c.reason}
          </li>
        ))}
      </ol>
      <h3>Officers</h3>
    </>
  );
}

const actionLabels = { suspend: 'suspended', reinstate: 'reinstated', withdraw: 'withdrawn' } as const;

function OfficerList(props: Readonly<{ agency: Agency; onResetProposed: () => Promise<void> }>) {
  const { api } = useStaff();
  const officers = useResource(`officers:${props.agency.id}`, () =>
    api.call('listOfficers', { params: { agencyId: props.agency.id } }),
  );
  const list = officers.data?.officers ?? [];
  return (
    <>
      <RefusalView refusal={officers.refusal} />
      {officers.data && list.length === 0 && <p class="empty">No officers.</p>}
      <ul>
        {list.map((o) => (
          <li key={o.id}>
            {o.name} · {o.email} ·{' '}
            <span class="tag">{o.retired ? 'retired' : o.disabled ? 'disabled' : 'active'}</span>
            {!o.retired && (
              <ProposeOfficerReset officerId={o.id} email={o.email} onProposed={props.onResetProposed} />
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function ProposeOfficerReset(
  props: Readonly<{ officerId: string; email: string; onProposed: () => Promise<void> }>,
) {
  const { api } = useStaff();
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const propose = useStaffAction(async () => {
    await api.call('proposeTotpReset', {
      body: { person: { kind: 'officer', id: props.officerId }, reason },
    });
    setAsking(false);
    setReason('');
    await props.onProposed();
  });
  if (!asking)
    return (
      <button type="button" class="link" onClick={() => setAsking(true)}>
        Reset authenticator…
      </button>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void propose.run();
      }}
    >
      <label>
        Why reset {props.email}’s authenticator?{' '}
        <input value={reason} required onInput={(e) => setReason(e.currentTarget.value)} />
      </label>{' '}
      <button type="submit" disabled={propose.busy || reason.trim() === ''}>
        Propose reset
      </button>
      <RefusalView refusal={propose.refusal} />
    </form>
  );
}
