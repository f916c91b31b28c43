import type { RouteResponse } from '@parley/protocol';
import { useState } from 'preact/hooks';
import { Field } from '../../ui/field.tsx';
import { RefusalView } from '../refusal-view.tsx';
import { useStaff } from '../review-context.ts';
import { useStaffAction } from '../use-staff-action.ts';

export type Agency = RouteResponse<'listAgencies'>['agencies'][number];
type Action = 'suspend' | 'reinstate' | 'withdraw';

const verbs: Readonly<Record<Action, string>> = {
  suspend: 'Suspend',
  reinstate: 'Reinstate',
  withdraw: 'Withdraw',
};
const consequences: Readonly<Record<Action, string>> = {
  suspend: 'Its officers are signed out now and cannot sign in, file or act until the agency is reinstated.',
  reinstate: 'Its officers can sign in and file again.',
  withdraw:
    'Permanent: its officers are signed out and retired, and the approval can never be given back. The agency can only be registered again as a new one.',
};

/** The changes that fit an agency's standing: a withdrawn agency has none. */
export function actionsFor(standing: Agency['standing']): readonly Action[] {
  if (standing === 'approved') return ['suspend', 'withdraw'];
  if (standing === 'suspended') return ['reinstate', 'withdraw'];
  if (standing === 'pending') return ['withdraw'];
  return [];
}

/** One standing change: pick it, give the reason, read what it does, confirm. */
export function StandingForm(props: Readonly<{ agency: Agency; onChanged: () => Promise<void> }>) {
  const { api } = useStaff();
  const [chosen, setChosen] = useState<Action | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | undefined>(undefined);
  const a = props.agency;
  const change = useStaffAction(async (action: Action) => {
    const r = await api.call('setAgencyStanding', { params: { agencyId: a.id }, body: { action, reason } });
    setDone(`${a.name} is now ${r.agency.standing}; ${r.sessionsEnded} officer session(s) ended.`);
    setChosen(undefined);
    setReason('');
    await props.onChanged();
  });
  return (
    <div class="standing-actions">
      {chosen === undefined ? (
        actionsFor(a.standing).map((action) => (
          <button
            key={action}
            type="button"
            class={action === 'reinstate' ? '' : 'secondary'}
            onClick={() => {
              setDone(undefined);
              setChosen(action);
            }}
            aria-label={`${verbs[action]} ${a.name}…`}
          >
            {verbs[action]}…
          </button>
        ))
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void change.run(chosen);
          }}
        >
          <p class="hint">
            <strong>
              {verbs[chosen]} {a.name}?
            </strong>{' '}
            {consequences[chosen]}
          </p>
          <Field
            label="Reason"
            hint="Kept with the agency and in the audit log."
            value={reason}
            onInput={setReason}
            required
            multiline
          />
          <button type="submit" disabled={change.busy || reason.trim() === ''}>
            Confirm: {verbs[chosen].toLowerCase()} {a.name}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setChosen(undefined)}>
            Keep as it is
          </button>
        </form>
      )}
      {done && <p role="status">{done}</p>}
      <RefusalView refusal={change.refusal} />
    </div>
  );
}
