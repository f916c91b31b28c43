import {
  ACCOUNT_GROUP_EXTENSION,
  CONVERSATION_ADMINS_EXTENSION,
  type CredentialPolicy,
  contextExtension,
  type DeviceRef,
  decodeAdmins,
  type Group,
  type Member,
  members,
} from '@parley/crypto';

/** An account's own group of its devices: marked so in its verified context, and nobody else in it. */
export function isAccountGroup(group: Group, self: string): boolean {
  return (
    contextExtension(group, ACCOUNT_GROUP_EXTENSION) !== undefined &&
    members(group).every((m) => m.username === self)
  );
}

/** The conversation's admins as its (authenticated) group context says; none for a group without the list. */
export function adminsOf(group: Group): string[] {
  const data = contextExtension(group, CONVERSATION_ADMINS_EXTENSION);
  return (data && decodeAdmins(data)) ?? [];
}

/**
 * Whether a commit that MLS verified also keeps Parley's roles: only an admin removes a device of another
 * account that its account still lists (anyone may remove a device its account revoked), and only an admin
 * changes the admins. The server enforces the same; this catches a server that let such a commit through.
 */
export async function keepsRoles(
  before: Group,
  after: Group,
  commit: Readonly<{ committer: DeviceRef; removed: readonly Member[] }>,
  policy: CredentialPolicy,
): Promise<boolean> {
  const admins = adminsOf(before);
  if (admins.includes(commit.committer.username)) return true;
  const changed = adminsOf(after);
  if (changed.length !== admins.length || changed.some((a, i) => a !== admins[i])) return false;
  for (const member of commit.removed) {
    if (member.username === commit.committer.username) continue;
    if (await policy.isAuthorized(member)) return false;
  }
  return true;
}
