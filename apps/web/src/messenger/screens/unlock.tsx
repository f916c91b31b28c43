import { useState } from 'preact/hooks';
import { Field, FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useMessengerState } from '../messenger-state.ts';

/** A profile sealed with a passphrase: nothing opens until it is typed. */
export function Unlock() {
  const state = useMessengerState();
  const [passphrase, setPassphrase] = useState('');
  const [wrong, setWrong] = useState(false);
  const unlock = useAction(async () => {
    setWrong(false);
    try {
      await state.unlock(passphrase);
    } catch {
      setWrong(true);
      setPassphrase('');
    }
  });
  const forget = useAction(() => state.forget());
  return (
    <>
      <h1 tabIndex={-1}>Unlock Parley</h1>
      <p class="lede">This browser's keys are sealed with the passphrase you chose for it.</p>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void unlock.run();
        }}
      >
        <Field
          label="Passphrase"
          type="password"
          value={passphrase}
          onInput={setPassphrase}
          error={wrong ? 'That passphrase does not open this profile. Try again.' : undefined}
          required
          autoComplete="current-password"
        />
        <button type="submit" disabled={unlock.busy}>
          {unlock.busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
      <p>
        Forgot it? The keys cannot be recovered; you can erase them and link this browser again from another
        device.
      </p>
      <button type="button" class="danger" onClick={() => void forget.run()} disabled={forget.busy}>
        Erase this browser's keys and history
      </button>
      <FormError error={forget.error} />
    </>
  );
}
