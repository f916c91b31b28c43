import { jurisdictionPattern, usernamePattern } from '@parley/protocol';
import { useState } from 'preact/hooks';
import { Link } from '../../router/link.tsx';
import { Field, FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useMessengerState } from '../messenger-state.ts';

/** First visit: create an account (and this browser's device), or link this browser to an account. */
export function Welcome() {
  const state = useMessengerState();
  const [username, setUsername] = useState('');
  const [jurisdiction, setJurisdiction] = useState('');
  const [linkName, setLinkName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const chosen = passphrase === '' ? undefined : passphrase;
  const passphraseError =
    chosen !== undefined && chosen.length < minPassphrase
      ? `Use at least ${minPassphrase} characters, or leave it empty.`
      : undefined;
  const create = useAction(async () => {
    const declared = jurisdiction.trim().toUpperCase();
    await state.createAccount(username.trim(), declared === '' ? undefined : declared, chosen);
  });
  const link = useAction(() => state.requestLink(linkName.trim(), chosen));
  const nameError = username !== '' && !usernamePattern.test(username.trim()) ? usernameRule : undefined;
  const placeError =
    jurisdiction.trim() !== '' && !jurisdictionPattern.test(jurisdiction.trim().toUpperCase())
      ? 'Use a two-letter country code such as DE, optionally with a region: US-CA.'
      : undefined;
  return (
    <>
      <h1 tabIndex={-1}>Welcome to Parley</h1>
      <p class="lede">
        Messages are end-to-end encrypted in this page. Your keys stay in this browser, sealed with a key the
        page itself cannot read out. Every government request is counted in public: see the{' '}
        <Link href="/transparency">transparency reports</Link>.
      </p>
      <form
        class="card"
        aria-labelledby="create-heading"
        onSubmit={(e) => {
          e.preventDefault();
          if (!nameError && !placeError && !passphraseError) void create.run();
        }}
      >
        <h2 id="create-heading">Create an account</h2>
        <Field
          label="Username"
          hint="3 to 32 characters: lower-case letters, digits, dot, dash or underscore."
          value={username}
          onInput={setUsername}
          error={nameError}
          required
          autoComplete="username"
        />
        <Field
          label="Where you live (optional)"
          hint="A country code. Parley uses it only to apply its policy on government requests about you; leave it empty if you prefer."
          value={jurisdiction}
          onInput={setJurisdiction}
          error={placeError}
          autoComplete="off"
        />
        <PassphraseField value={passphrase} onInput={setPassphrase} error={passphraseError} />
        <FormError error={create.error} />
        <button type="submit" disabled={create.busy}>
          {create.busy ? 'Creating keys…' : 'Create account'}
        </button>
      </form>
      <form
        class="card"
        aria-labelledby="link-heading"
        onSubmit={(e) => {
          e.preventDefault();
          if (!passphraseError) void link.run();
        }}
      >
        <h2 id="link-heading">Use an account you already have</h2>
        <Field
          label="Your username"
          value={linkName}
          onInput={setLinkName}
          required
          autoComplete="username"
        />
        <PassphraseField value={passphrase} onInput={setPassphrase} error={passphraseError} />
        <FormError error={link.error} />
        <button type="submit" class="secondary" disabled={link.busy}>
          Link this browser
        </button>
      </form>
    </>
  );
}

const minPassphrase = 12;

function PassphraseField(
  props: Readonly<{ value: string; onInput: (v: string) => void; error?: string | undefined }>,
) {
  return (
    <Field
      label="Passphrase for this browser (optional)"
      hint="Seals your keys in this browser under a passphrase you type each time you open Parley, so a copy of the browser's files alone does not open them. At least 12 characters. If you forget it, this browser's keys and history are lost."
      type="password"
      value={props.value}
      onInput={props.onInput}
      error={props.error}
      autoComplete="new-password"
    />
  );
}

const usernameRule = 'Use 3 to 32 characters: start with a letter; then a-z, 0-9, dot, dash or underscore.';
