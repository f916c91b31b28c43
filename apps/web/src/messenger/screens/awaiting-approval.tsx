import { useState } from 'preact/hooks';
import { Field, FormError } from '../../ui/field.tsx';
import { QrCode } from '../../ui/qr-code.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useMessengerState } from '../messenger-state.ts';

/**
 * A new device shows its code; the account's first device approves it under Devices and shows the account
 * code, which is entered here so this browser trusts the account key only if it matches. Linking is checked
 * both ways: the other device checks this one's key, this one checks the account's.
 */
export function AwaitingApproval(props: Readonly<{ username: string; code: string }>) {
  const state = useMessengerState();
  const [accountCode, setAccountCode] = useState('');
  const complete = useAction(() => state.completeLink(accountCode));
  const startOver = useAction(() => state.forget());
  return (
    <>
      <h1 tabIndex={-1}>Approve this browser</h1>
      <p>
        On the device where you created <strong>{props.username}</strong>, open Devices, choose “Approve a new
        device” and paste this code. Everyone you talk to will see that a device was added.
      </p>
      <label for="link-code">Link code</label>
      <textarea id="link-code" class="code" readOnly rows={3} value={props.code} />
      <QrCode text={props.code} label="The link code as a QR code" />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void complete.run();
        }}
      >
        <Field
          label="Account code"
          hint="Shown on the other device once it approved this one: 30 digits. This browser trusts the account only if they match."
          value={accountCode}
          onInput={setAccountCode}
          required
        />
        <FormError error={complete.error} />
        <button type="submit" disabled={complete.busy}>
          Check the code and continue
        </button>
      </form>
      <p>
        Changed your mind, or used the wrong account name?{' '}
        <button
          type="button"
          class="secondary"
          disabled={startOver.busy}
          onClick={() => void startOver.run()}
        >
          Start over
        </button>
      </p>
    </>
  );
}
