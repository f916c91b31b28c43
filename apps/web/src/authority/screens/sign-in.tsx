import { FormError } from '../../ui/field.tsx';
import { SignInForm } from '../../ui/sign-in-form.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { OfficerPortal } from '../officer-portal.ts';

/** Officer sign-in: e-mail, password and the current code from the authenticator app. */
export function SignIn(props: Readonly<{ portal: OfficerPortal }>) {
  const { portal } = props;
  const signIn = useAction((id: string, password: string, code: string) =>
    portal.signIn(id.toLowerCase(), password, code),
  );
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
      <SignInForm
        idLabel="Official e-mail address"
        idType="email"
        busy={signIn.busy}
        submit={(c) => signIn.run(c.id, c.password, c.code)}
        refusal={<FormError error={signIn.error} />}
      />
    </>
  );
}
