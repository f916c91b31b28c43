import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import type { Messenger } from '../messenger/messenger.ts';
import { Link } from '../router/link.tsx';
import { AlertsView } from './alerts-view.tsx';

export type NavItem = Readonly<{ href: string; label: string; badge?: number }>;

const connectionText = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  closed: 'Disconnected',
} as const;

/**
 * The frame of every screen: a skip link, the header with the area's navigation, alerts, and the main
 * landmark. Later areas (authority portal, review console, public pages) pass their own nav items.
 */
export function Shell(
  props: Readonly<{ nav: readonly NavItem[]; messenger?: Messenger; children: ComponentChildren }>,
) {
  const { router } = useApp();
  const path = router.path.value;
  useEffect(() => {
    // Moving focus to the new screen's heading tells keyboard and screen-reader users the screen changed.
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [path]);
  const messenger = props.messenger;
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Link href="/" class="brand">
          Parley
        </Link>
        {props.nav.length > 0 && (
          <nav aria-label="Main">
            <ul>
              {props.nav.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={isCurrent(item.href, path) ? 'page' : undefined}>
                    {item.label}
                    {item.badge ? ' ' : null}
                    {item.badge ? (
                      <span class="badge">
                        {item.badge}
                        <span class="visually-hidden"> new</span>
                      </span>
                    ) : null}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {messenger && (
          <p class={`connection connection-${messenger.connection.value}`} role="status">
            <span class="visually-hidden">Connection: </span>
            {connectionText[messenger.connection.value]}
            <span class="who"> · {messenger.username}</span>
          </p>
        )}
      </header>
      {messenger && <AlertsView alerts={messenger.alerts} />}
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}

function isCurrent(href: string, path: string): boolean {
  return href === '/' ? path === '/' || path.startsWith('/chats') : path.startsWith(href);
}
