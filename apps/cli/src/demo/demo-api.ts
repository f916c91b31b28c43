import type { RouteInput, RouteName, RouteResponse } from '@parley/protocol';
import { totpCode } from '@parley/server';
import { govCall } from '../gov/gov-call.ts';

/** Calls staff or officer routes as one signed-in person. */
export type Session = <N extends RouteName>(
  name: N,
  input?: Partial<RouteInput<N>>,
) => Promise<RouteResponse<N>>;

export function sessionOf(server: string, token: string): Session {
  return (name, input = {}) => govCall(server, name, input, token);
}

/** What the demo prints so a person can sign in as someone it created. */
export type Credentials = Readonly<{ password: string; totpSecret: string }>;

/**
 * Signs in with the current code: the demo created these people, so it holds their TOTP secrets. Each person
 * signs in once, so no code is used twice.
 */
export async function signIn(
  server: string,
  who: Readonly<{ kind: 'staff'; username: string } | { kind: 'officer'; email: string }>,
  credentials: Credentials,
): Promise<Session> {
  const totp = totpCode(credentials.totpSecret, new Date());
  const { password } = credentials;
  const session =
    who.kind === 'staff'
      ? await govCall(server, 'staffLogin', { body: { username: who.username, password, totp } })
      : await govCall(server, 'officerLogin', { body: { email: who.email, password, totp } });
  return sessionOf(server, session.token);
}
