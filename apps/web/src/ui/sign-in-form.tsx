import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Field } from './field.tsx';

export type Credentials = Readonly<{ id: string; password: string; code: string }>;

/**
 * The sign-in form of staff and officers: who they are (a username or an official e-mail address), their
 * password and the current authenticator code. The password field is cleared after each attempt; `refusal`
 * is where the area shows why a sign-in failed.
 */
export function SignInForm(
  props: Readonly<{
    idLabel: string;
    idType?: 'email';
    busy: boolean;
    submit: (credentials: Credentials) => Promise<unknown>;
    refusal: ComponentChildren;
  }>,
) {
  const [id, setId] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  return (
    <form
      class="card"
      aria-labelledby="sign-in-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void props.submit({ id: id.trim(), password, code: code.trim() }).finally(() => setPassword(''));
      }}
    >
      <h2 id="sign-in-heading">Sign in</h2>
      <Field
        label={props.idLabel}
        {...(props.idType ? { type: props.idType } : {})}
        value={id}
        onInput={setId}
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
      {props.refusal}
      <button type="submit" disabled={props.busy}>
        {props.busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
