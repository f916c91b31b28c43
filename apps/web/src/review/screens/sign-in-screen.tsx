import { SignInForm } from '../../ui/sign-in-form.tsx';
import { RefusalView } from '../refusal-view.tsx';
import { useStaff } from '../review-context.ts';
import { useStaffAction } from '../use-staff-action.ts';

/** Staff sign-in: username, password and the current code from the authenticator app. */
export function SignInScreen() {
  const staff = useStaff();
  const signIn = useStaffAction((id: string, password: string, code: string) =>
    staff.signIn(id, password, code),
  );
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
      <SignInForm
        idLabel="Username"
        busy={signIn.busy}
        submit={(c) => signIn.run(c.id, c.password, c.code)}
        refusal={<RefusalView refusal={signIn.refusal} />}
      />
    </>
  );
}
