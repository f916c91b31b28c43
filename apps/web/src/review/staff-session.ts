import { GovSession, Username } from '@parley/protocol';
import { signal } from '@preact/signals';
import { z } from 'zod';
import { StaffApi } from './staff-api.ts';

const storageKey = 'parley.review.session';

/** What the console keeps of a sign-in: the server's session and the name typed, for the header. */
const StoredSession = z.strictObject({ username: Username, session: GovSession });
export type StaffSession = z.infer<typeof StoredSession>;

export type StaffRole = StaffSession['session']['roles'][number];

/**
 * The signed-in staff member. The token lives in sessionStorage only (gone with the tab, never in
 * IndexedDB or a cookie), is sent as a bearer token, and is dropped on sign-out or when the server says the
 * session has ended.
 */
export class StaffSessionState {
  readonly current = signal<StaffSession | undefined>(load());
  /** Why the last session ended without a sign-out, for the sign-in screen. */
  readonly ended = signal<string | undefined>(undefined);
  readonly api: StaffApi;

  constructor(origin: string) {
    this.api = new StaffApi(
      origin,
      () => this.current.value?.session.token,
      () => this.#drop('Your session has ended. Sign in again to continue.'),
    );
  }

  async signIn(username: string, password: string, totp: string): Promise<void> {
    const session = await this.api.call('staffLogin', { body: { username, password, totp } });
    if (session.kind !== 'staff') throw new Error('This sign-in is for staff only.');
    const stored: StaffSession = { username, session };
    sessionStorage.setItem(storageKey, JSON.stringify(stored));
    this.ended.value = undefined;
    this.current.value = stored;
  }

  async signOut(): Promise<void> {
    try {
      await this.api.call('govLogout');
    } finally {
      this.#drop(undefined);
    }
  }

  #drop(reason: string | undefined): void {
    sessionStorage.removeItem(storageKey);
    if (this.current.value !== undefined) this.ended.value = reason;
    this.current.value = undefined;
  }
}

function load(): StaffSession | undefined {
  const text = sessionStorage.getItem(storageKey);
  if (text === null) return undefined;
  try {
    const parsed = StoredSession.safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.session.kind === 'staff') return parsed.data;
  } catch {
    // A damaged entry is the same as none.
  }
  sessionStorage.removeItem(storageKey);
  return undefined;
}
