import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { askSecret } from '../prompt.ts';

export type GovKind = 'staff' | 'officer';

type Saved = Readonly<{ server: string; token: string; expiresAt: string; id: string }>;

/** One file per kind in the profile directory, readable only by its owner: a session is a bearer secret. */
const fileOf = (profile: string, kind: GovKind) => join(profile, `gov-${kind}-session.json`);

export async function saveGovSession(profile: string, kind: GovKind, session: Saved): Promise<void> {
  await mkdir(profile, { recursive: true, mode: 0o700 });
  const file = fileOf(profile, kind);
  await writeFile(file, JSON.stringify(session), { mode: 0o600 });
  await chmod(file, 0o600);
}

/**
 * The saved session's token for this server; the message says how to get one, never what it was. Expiry is
 * the server's to judge (its clock decides), so an expired token is refused there as `unauthenticated`.
 */
export async function govToken(profile: string, kind: GovKind, server: string): Promise<string> {
  let saved: unknown;
  try {
    saved = JSON.parse(await readFile(fileOf(profile, kind), 'utf8'));
  } catch {
    throw new Error(`not signed in: run \`parley ${kind} login\` first`);
  }
  if (
    typeof saved !== 'object' ||
    saved === null ||
    !('token' in saved) ||
    !('server' in saved) ||
    !('expiresAt' in saved) ||
    typeof saved.token !== 'string' ||
    saved.server !== server
  )
    throw new Error(`not signed in to ${server}: run \`parley ${kind} login\``);
  return saved.token;
}

export async function forgetGovSession(profile: string, kind: GovKind): Promise<void> {
  await rm(fileOf(profile, kind), { force: true });
}

/** The password comes from standard input (a pipe or the terminal), never from argv, which `ps` shows. */
export function readPasswordLine(): Promise<string> {
  return askSecret('Password: ');
}
