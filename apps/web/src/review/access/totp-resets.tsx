import type { RouteResponse } from '@parley/protocol';
import { useState } from 'preact/hooks';
import { Field } from '../../ui/field.tsx';
import { QrCode } from '../../ui/qr-code.tsx';
import { when } from '../case/case-record.ts';
import { who } from '../case/people.ts';
import { RefusalView } from '../refusal-view.tsx';
import { useSignedIn, useStaff } from '../review-context.ts';
import { useStaffAction } from '../use-staff-action.ts';

type Reset = RouteResponse<'listTotpResets'>['resets'][number];
type StaffMember = RouteResponse<'listStaff'>['staff'][number];
type Confirmed = RouteResponse<'confirmTotpReset'>;

/**
 * Authenticator resets: one admin proposes with a reason, a different admin confirms within 24 hours and is
 * shown the new secret once, to hand over. Nobody does either for their own account.
 */
export function TotpResets(
  props: Readonly<{
    resets: readonly Reset[];
    staff: readonly StaffMember[];
    onChanged: () => Promise<void>;
  }>,
) {
  const [handover, setHandover] = useState<Confirmed | undefined>(undefined);
  const pending = props.resets.filter((r) => r.state === 'pending');
  return (
    <section class="card" aria-labelledby="resets-heading">
      <h2 id="resets-heading">Authenticator resets</h2>
      <p class="hint">
        A reset takes two policy admins: one proposes it, another confirms it within 24 hours. Confirming ends
        the person’s sessions and shows the new secret once, for you to hand over in person.
      </p>
      {handover && <Handover confirmed={handover} onDone={() => setHandover(undefined)} />}
      <h3>Waiting for a second admin ({pending.length})</h3>
      {pending.length === 0 ? (
        <p class="empty">No reset is waiting.</p>
      ) : (
        <ul class="proposals">
          {pending.map((r) => (
            <PendingReset key={r.id} reset={r} onChanged={props.onChanged} onConfirmed={setHandover} />
          ))}
        </ul>
      )}
      {props.staff.length > 0 && <ProposeStaffReset staff={props.staff} onProposed={props.onChanged} />}
    </section>
  );
}

function PendingReset(
  props: Readonly<{ reset: Reset; onChanged: () => Promise<void>; onConfirmed: (c: Confirmed) => void }>,
) {
  const { api } = useStaff();
  const session = useSignedIn();
  const r = props.reset;
  const confirm = useStaffAction(async () => {
    props.onConfirmed(await api.call('confirmTotpReset', { params: { resetId: r.id } }));
    await props.onChanged();
  });
  const cancel = useStaffAction(async () => {
    await api.call('cancelTotpReset', { params: { resetId: r.id } });
    await props.onChanged();
  });
  const mine = r.proposedBy === session.session.id;
  const label = `${r.person.kind === 'staff' ? 'staff member' : 'officer'} ${r.personName}`;
  return (
    <li class="proposal">
      <p>
        <strong>Reset the authenticator of {label}</strong>
        <br />
        <span class="muted">
          Proposed by {who(r.proposedBy, session.session.id)}, {when(r.proposedAt)}; lapses{' '}
          {when(r.expiresAt)}. Reason: {r.reason}
        </span>
      </p>
      {mine && <p class="hint">You proposed this reset: another policy admin must confirm it.</p>}
      <button
        type="button"
        onClick={() => void confirm.run()}
        disabled={confirm.busy}
        aria-label={`Confirm the reset of ${label}`}
      >
        Confirm reset
      </button>{' '}
      <button
        type="button"
        class="secondary"
        onClick={() => void cancel.run()}
        disabled={cancel.busy}
        aria-label={`Cancel the reset of ${label}`}
      >
        Cancel
      </button>
      <RefusalView refusal={confirm.refusal ?? cancel.refusal} />
    </li>
  );
}

function Handover(props: Readonly<{ confirmed: Confirmed; onDone: () => void }>) {
  const c = props.confirmed;
  return (
    <div class="handover" role="status">
      <p>
        <strong>New authenticator for {c.reset.personName}</strong> ({c.sessionsEnded} session(s) ended). It
        is shown only now: hand it over in person, then close this.
      </p>
      <QrCode text={c.otpauthUri} label={`New authenticator QR code for ${c.reset.personName}`} />
      <p class="code">{c.totpSecret}</p>
      <button type="button" class="secondary" onClick={props.onDone}>
        Handed over: hide the secret
      </button>
    </div>
  );
}

function ProposeStaffReset(
  props: Readonly<{ staff: readonly StaffMember[]; onProposed: () => Promise<void> }>,
) {
  const { api } = useStaff();
  const session = useSignedIn();
  const others = props.staff.filter((s) => s.id !== session.session.id);
  const [staffId, setStaffId] = useState('');
  const [reason, setReason] = useState('');
  const propose = useStaffAction(async () => {
    await api.call('proposeTotpReset', { body: { person: { kind: 'staff', id: staffId }, reason } });
    setReason('');
    await props.onProposed();
  });
  return (
    <form
      class="propose-reset"
      onSubmit={(e) => {
        e.preventDefault();
        void propose.run();
      }}
    >
      <h3>Propose a reset for a staff member</h3>
      <div class="field">
        <label for="reset-staff">Staff member</label>
        <select id="reset-staff" value={staffId} onChange={(e) => setStaffId(e.currentTarget.value)} required>
          <option value="">Choose…</option>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName} ({s.username})
            </option>
          ))}
        </select>
      </div>
      <Field label="Reason" value={reason} onInput={setReason} required multiline />
      <button type="submit" disabled={propose.busy || staffId === '' || reason.trim() === ''}>
        Propose reset
      </button>
      <RefusalView refusal={propose.refusal} />
    </form>
  );
}
