import { can } from '../permissions.ts';
import { RefusalView } from '../refusal-view.tsx';
import { useSignedIn, useStaff } from '../review-context.ts';
import { useResource } from '../use-resource.ts';
import { AgencyList } from './agency-list.tsx';
import { TotpResets } from './totp-resets.tsx';

/**
 * Access for policy admins: every agency with its standing (suspend, reinstate, withdraw, each with a reason
 * and a confirmation), an agency's officers, and authenticator resets that take two admins.
 */
export function AccessScreen() {
  const { api } = useStaff();
  const session = useSignedIn();
  const agencies = useResource('agencies', () => api.call('listAgencies'));
  const staff = useResource('staff', async () =>
    can(session.session.roles, 'manage_staff') ? (await api.call('listStaff')).staff : [],
  );
  const resets = useResource('totp-resets', () => api.call('listTotpResets'));
  return (
    <>
      <h1 tabIndex={-1}>Access</h1>
      <p class="lede">
        Take an agency’s approval away at once, give it back, or withdraw it for good; and replace a lost
        authenticator with a second admin. Every change needs a reason and is written to the audit log.
      </p>
      <RefusalView refusal={agencies.refusal} />
      {agencies.data && (
        <AgencyList
          agencies={agencies.data.agencies}
          onChanged={agencies.reload}
          onResetProposed={resets.reload}
        />
      )}
      <RefusalView refusal={resets.refusal} />
      <TotpResets resets={resets.data?.resets ?? []} staff={staff.data ?? []} onChanged={resets.reload} />
    </>
  );
}
