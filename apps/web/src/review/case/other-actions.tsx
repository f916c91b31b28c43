import { useState } from 'preact/hooks';
import { Field } from '../../ui/field.tsx';
import { can } from '../permissions.ts';
import type { StaffRole } from '../staff-session.ts';
import { type Act, ActionForm } from './action-form.tsx';

type Props = Readonly<{ state: string; roles: readonly StaffRole[]; act: Act }>;

const challengeable: ReadonlySet<string> = new Set(['legal_review', 'decision', 'notice', 'notice_deferred']);

/** Side paths: challenging a request in court, and the life of a preservation. */
export function OtherActions(props: Props) {
  const { state, roles, act } = props;
  const [grounds, setGrounds] = useState('');
  const [reference, setReference] = useState('');
  const preserving = state === 'preserved' || state === 'preservation_extended';
  return (
    <>
      {challengeable.has(state) && can(roles, 'challenge') && (
        <ActionForm
          title="Challenge the request"
          explain="Parley contests the request; it waits until the challenge is resolved."
          submit="Record the challenge"
          tone="secondary"
          act={act}
          body={() => ({ type: 'challenge', grounds })}
        >
          <Field label="Grounds of the challenge" value={grounds} onInput={setGrounds} required multiline />
        </ActionForm>
      )}
      {preserving && can(roles, 'manage_preservation') && (
        <>
          {state === 'preserved' && (
            <ActionForm
              title="Extend the preservation"
              explain="Once, by 90 days."
              submit="Extend by 90 days"
              act={act}
              body={() => ({ type: 'extend_preservation' })}
            />
          )}
          <ActionForm
            title="Consumed by legal process"
            submit="Record the legal process"
            act={act}
            body={() => ({ type: 'consume_preservation', legalProcessReference: reference })}
          >
            <Field label="Reference of the legal process" value={reference} onInput={setReference} required />
          </ActionForm>
        </>
      )}
    </>
  );
}
