import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { Shell } from '../layout/shell.tsx';
import { Link } from '../router/link.tsx';
import { matchPath } from '../router/router.ts';
import { can, roleLabels } from './permissions.ts';
import { ReviewContext, useStaff } from './review-context.ts';
import { homeOf, reviewNav, reviewRoutes } from './routes.tsx';
import { SignInScreen } from './screens/sign-in-screen.tsx';
import { StaffSessionState } from './staff-session.ts';
import { useStaffAction } from './use-staff-action.ts';
import './review.css';

/** The review console and policy screens under /review: staff sign-in, then what their roles allow. */
export function ReviewArea() {
  const [state] = useState(() => new StaffSessionState(location.origin));
  return (
    <ReviewContext.Provider value={state}>
      <ReviewScreens state={state} />
    </ReviewContext.Provider>
  );
}

function ReviewScreens(props: Readonly<{ state: StaffSessionState }>) {
  const { router } = useApp();
  const session = props.state.current.value;
  const path = router.path.value;
  const home = session === undefined ? undefined : homeOf(session.session.roles);
  useEffect(() => {
    if (home !== undefined && (path === '/review' || path === '/review/'))
      router.navigate(home, { replace: true });
  }, [home, path, router]);
  if (session === undefined)
    return (
      <Shell nav={[]}>
        <div class="rv">
          <SignInScreen />
        </div>
      </Shell>
    );
  const roles = session.session.roles;
  const route = reviewRoutes
    .map((r) => ({ r, params: matchPath(r.pattern, path) }))
    .find((m) => m.params !== undefined);
  const allowed = route !== undefined && (route.r.right === undefined || can(roles, route.r.right));
  return (
    <Shell nav={reviewNav(roles)}>
      <div class="rv">
        <SignedInBar />
        {route?.params !== undefined && allowed ? (
          route.r.render(route.params)
        ) : (
          <>
            <h1 tabIndex={-1}>{route === undefined ? 'Page not found' : 'Not available to your roles'}</h1>
            <p>
              <Link href={home ?? '/review'}>Back to the console</Link>
            </p>
          </>
        )}
      </div>
    </Shell>
  );
}

function SignedInBar() {
  const state = useStaff();
  const session = state.current.value;
  const signOut = useStaffAction(() => state.signOut());
  if (session === undefined) return null;
  return (
    <div class="signed-in">
      <p>
        Signed in as <strong>{session.username}</strong> ·{' '}
        {session.session.roles.map((r) => roleLabels[r]).join(', ')}
      </p>
      <button type="button" class="secondary" onClick={() => void signOut.run()} disabled={signOut.busy}>
        Sign out
      </button>
    </div>
  );
}
