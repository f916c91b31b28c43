import { useState } from 'preact/hooks';
import { Field } from '../../ui/field.tsx';
import { RefusalView } from '../refusal-view.tsx';
import { useStaff } from '../review-context.ts';
import { useStaffAction } from '../use-staff-action.ts';

/** Staff sign-in: username, password and the current code from the authenticator app. */
export function SignInScreen() {
  const staff = useStaff();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const signIn = useStaffAction(() => staff.signIn(username.trim(), password, code.trim()));
  const ended = staff.ended.value;
  return (
    <>
      <h1 tabIndex={-1}>Review console</h1>
      <p class="lede">
        For Parley staff who review government requests and set jurisdiction policy. Your session lasts until
        you sign out, close this tab, or the server ends it.
      </p>
      {ended && (
        <p class="notice-banner" role="status">
          {ended}
        </p>
      )}
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          void signIn.run();
        }}
      >
        <Field label="Username" value={username} onInput={setUsername} required autoComplete="username" />
        <Field
          label="Password"
          type="password"
          value={password}
          onInput={setPassword}
          required
          autoComplete="current-password"
        />
        <Field
          label="Authenticator code"
          hint="The 6-digit code your authenticator app shows now."
          value={code}
          onInput={setCode}
          required
          pattern="[0-9]{6}"
          autoComplete="one-time-code"
        />
        <button type="submit" disabled={signIn.busy}>
          {signIn.busy ? 'Signing in…' : 'Sign in'}
        </button>
        <RefusalView refusal={signIn.refusal} />
      </form>
    </>
  );
}
