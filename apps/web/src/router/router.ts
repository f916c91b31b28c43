import { signal } from '@preact/signals';

/**
 * The app's location as a signal: pushState navigation with no server round trip. The server answers every
 * app route with index.html, so a reload or a shared link lands on the same screen.
 */
export class Router {
  readonly path = signal(location.pathname);

  constructor() {
    addEventListener('popstate', () => {
      this.path.value = location.pathname;
    });
  }

  navigate(path: string, options: Readonly<{ replace?: boolean }> = {}): void {
    if (path === location.pathname) return;
    if (options.replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    this.path.value = path;
  }
}

export type Params = Readonly<Record<string, string>>;

/** Matches `/chats/:id` style patterns; segments are URL-decoded. */
export function matchPath(pattern: string, path: string): Params | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i] ?? '';
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (segment !== actual) return undefined;
  }
  return params;
}
