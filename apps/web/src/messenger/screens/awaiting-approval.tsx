import { useApp } from '../../app-context.ts';
import { FormError } from '../../ui/field.tsx';
import { QrCode } from '../../ui/qr-code.tsx';
import { useAction } from '../../ui/use-action.ts';

/** A new device shows its code; the account's first device approves it under Devices. */
export function AwaitingApproval(props: Readonly<{ username: string; code: string }>) {
  const { state } = useApp();
  const complete = useAction(() => state.completeLink());
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
      <FormError error={complete.error} />
      <button type="button" disabled={complete.busy} onClick={() => void complete.run()}>
        It is approved: continue
      </button>
    </>
  );
}
