import { signal } from '@preact/signals';
import { z } from 'zod';

/** What the page keeps of a signed-in officer: the bearer token, its expiry and who signed in. */
export type OfficerSession = Readonly<{ token: string; expiresAt: string; email: string }>;

const Stored = z.strictObject({ token: z.string().min(1), expiresAt: z.iso.datetime(), email: z.string() });
const key = 'parley.officer-session';

/**
 * The officer's session, in sessionStorage only: it dies with the tab and is never written to localStorage
 * or IndexedDB, so a shared or seized machine keeps no officer credential once the tab is closed. It is
 * dropped on sign-out, when the server refuses the token, and when `expiresAt` passes on this machine's clock.
 * The server's clock decides; the local timer only signs an idle tab out.
 */
export class OfficerSessionStore {
  readonly current = signal<OfficerSession | undefined>(undefined);
  /** Why the last session ended without the officer signing out, for the sign-in screen. */
  readonly endedBecause = signal<string | undefined>(undefined);
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    const parsed = Stored.safeParse(parseJson(sessionStorage.getItem(key)));
    if (parsed.success) this.#adopt(parsed.data);
    else sessionStorage.removeItem(key);
  }

  /** The token to send, if signed in. */
  token(): string | undefined {
    return this.current.value?.token;
  }

  start(session: OfficerSession): void {
    sessionStorage.setItem(key, JSON.stringify(session));
    this.endedBecause.value = undefined;
    this.#adopt(session);
  }

  /** The officer signed out. */
  end(): void {
    this.#drop();
    this.endedBecause.value = undefined;
  }

  /** The session ran out (or the server no longer accepts it). */
  expire(): void {
    if (this.current.value === undefined) return;
    this.#drop();
    this.endedBecause.value = 'Your session has ended. Sign in again to continue.';
  }

  #adopt(session: OfficerSession): void {
    this.current.value = session;
    clearTimeout(this.#timer);
    const left = Date.parse(session.expiresAt) - Date.now();
    // A clock behind the server's would keep the tab signed in longer; the server still refuses the token.
    // setTimeout's limit is about 24.8 days; sessions last hours.
    if (left > 0) this.#timer = setTimeout(() => this.expire(), Math.min(left, 2 ** 31 - 1));
  }

  #drop(): void {
    clearTimeout(this.#timer);
    sessionStorage.removeItem(key);
    this.current.value = undefined;
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
