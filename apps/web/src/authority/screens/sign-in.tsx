import { useState } from 'preact/hooks';
import { Field, FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { OfficerPortal } from '../officer-portal.ts';

/** Officer sign-in: e-mail, password and the current code from the authenticator app. */
export function SignIn(props: Readonly<{ portal: OfficerPortal }>) {
  const { portal } = props;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const signIn = useAction(async () => {
    await portal.signIn(email.trim().toLowerCase(), password, code.trim());
    setPassword('');
  });
  const ended = portal.session.endedBecause.value;
  return (
    <>
      <h1 tabIndex={-1}>Authority portal</h1>
      <p class="lede">
        For officers of law-enforcement and other authorities that Parley has verified. Your session lasts
        until you sign out, close this tab, or it expires.
      </p>
      {ended && (
        <p class="notice-banner" role="status">
          {ended}
        </p>
      )}
      <form
        class="card"
        aria-labelledby="sign-in-heading"
        onSubmit={(e) => {
          e.preventDefault();
          void signIn.run();
        }}
      >
        <h2 id="sign-in-heading">Sign in</h2>
        <Field
          label="Official e-mail address"
          type="email"
          value={email}
          onInput={setEmail}
          required
          autoComplete="username"
        />
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
        <FormError error={signIn.error} />
        <button type="submit" disabled={signIn.busy}>
          {signIn.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </>
  );
}
