import { useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { Shell } from '../layout/shell.tsx';
import { Link } from '../router/link.tsx';
import { matchPath } from '../router/router.ts';
import { FormError } from '../ui/field.tsx';
import { useAction } from '../ui/use-action.ts';
import './authority.css';
import { OfficerPortal } from './officer-portal.ts';
import { authorityRoutes } from './routes.tsx';
import { SignIn } from './screens/sign-in.tsx';

const nav = [
  { href: '/authority/requests', label: 'Requests' },
  { href: '/authority/new', label: 'New request' },
];

/** The authority portal: an officer's own sign-in, route table and navigation inside the shared Shell. */
export function AuthorityArea() {
  const { router } = useApp();
  // One portal per page load, on the origin that served the page; it picks up this tab's session.
  const [portal] = useState(() => new OfficerPortal(location.origin));
  const session = portal.session.current.value;
  if (session === undefined)
    return (
      <Shell nav={[]}>
        <div class="au">
          <SignIn portal={portal} />
        </div>
      </Shell>
    );
  const path = router.path.value;
  for (const route of authorityRoutes) {
    const params = matchPath(route.pattern, path);
    if (params)
      return (
        <Shell nav={nav}>
          <div class="au">
            <SignedIn portal={portal} email={session.email} />
            {route.render(portal, params)}
          </div>
        </Shell>
      );
  }
  return (
    <Shell nav={nav}>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>
        <Link href="/authority/requests">Back to your requests</Link>
      </p>
    </Shell>
  );
}

function SignedIn(props: Readonly<{ portal: OfficerPortal; email: string }>) {
  const { router } = useApp();
  const signOut = useAction(async () => {
    await props.portal.signOut();
    router.navigate('/authority');
  });
  return (
    <div class="au-officer-bar">
      <span>
        Signed in as <strong>{props.email}</strong>
      </span>
      <button type="button" class="quiet" onClick={() => void signOut.run()} disabled={signOut.busy}>
        Sign out
      </button>
      <FormError error={signOut.error} />
    </div>
  );
}
