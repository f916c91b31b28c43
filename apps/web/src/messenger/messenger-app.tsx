import { useApp } from '../app-context.ts';
import type { AppState } from '../app-state.ts';
import { Shell } from '../layout/shell.tsx';
import { Link } from '../router/link.tsx';
import { matchPath } from '../router/router.ts';
import { FormError } from '../ui/field.tsx';
import { useAction } from '../ui/use-action.ts';
import type { Messenger } from './messenger.ts';
import { MessengerStateContext, useMessengerState } from './messenger-state.ts';
import { messengerRoutes } from './routes.tsx';
import { AwaitingApproval } from './screens/awaiting-approval.tsx';
import { Unlock } from './screens/unlock.tsx';
import { Welcome } from './screens/welcome.tsx';

/**
 * The messenger: the browser's profile as it opens (signed out, locked, awaiting approval, failed) and,
 * once ready, its routes. Loaded on demand, so the other areas' pages carry no MLS code.
 */
export function MessengerApp(props: Readonly<{ state: AppState }>) {
  return (
    <MessengerStateContext.Provider value={props.state}>
      <Boot />
    </MessengerStateContext.Provider>
  );
}

function Boot() {
  const state = useMessengerState();
  const boot = state.boot.value;
  switch (boot.phase) {
    case 'starting':
      return (
        <Shell nav={[]}>
          <h1 tabIndex={-1}>Opening Parley…</h1>
          <p role="status">Unlocking this browser's keys.</p>
        </Shell>
      );
    case 'signed-out':
      return (
        <Shell nav={[]}>
          <Welcome />
        </Shell>
      );
    case 'locked':
      return (
        <Shell nav={[]}>
          <Unlock />
        </Shell>
      );
    case 'awaiting-approval':
      return (
        <Shell nav={[]}>
          <AwaitingApproval username={boot.username} code={boot.code} />
        </Shell>
      );
    case 'failed':
      return (
        <Shell nav={[]}>
          <BootFailed message={boot.message} />
        </Shell>
      );
    case 'ready':
      return <MessengerArea messenger={boot.messenger} />;
  }
}

function MessengerArea(props: Readonly<{ messenger: Messenger }>) {
  const { router } = useApp();
  const { messenger } = props;
  const path = router.path.value;
  const unread = messenger.summaries.value.reduce((sum, s) => sum + s.unread, 0);
  const nav = [
    { href: '/', label: 'Chats', badge: unread },
    { href: '/devices', label: 'Devices' },
    { href: '/notices', label: 'Requests', badge: messenger.notices.value.length },
  ];
  for (const route of messengerRoutes) {
    const params = matchPath(route.pattern, path);
    if (params)
      return (
        <Shell nav={nav} messenger={messenger}>
          {route.render(messenger, params)}
        </Shell>
      );
  }
  return (
    <Shell nav={nav} messenger={messenger}>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        <Link href="/">Back to conversations</Link>
      </p>
    </Shell>
  );
}

function BootFailed(props: Readonly<{ message: string }>) {
  const state = useMessengerState();
  const retry = useAction(() => state.start());
  const forget = useAction(() => state.forget());
  return (
    <>
      <h1 tabIndex={-1}>Parley could not open this browser's profile</h1>
      <p class="error">{props.message}</p>
      <button type="button" onClick={() => void retry.run()} disabled={retry.busy}>
        Try again
      </button>{' '}
      <button type="button" class="danger" onClick={() => void forget.run()} disabled={forget.busy}>
        Erase this browser's keys and history
      </button>
      <FormError error={retry.error ?? forget.error} />
    </>
  );
}
