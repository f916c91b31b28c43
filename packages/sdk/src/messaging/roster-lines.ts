import type { DeviceRef, RosterChange } from './conversation-records.ts';

/**
 * The words of a roster line, from the roster before the commit: a first device of an account is the account
 * joining, a further one is a new device of a member; a last device leaving is the account leaving.
 */
export function describeRosterChange(
  committer: DeviceRef,
  change: RosterChange,
  before: readonly DeviceRef[],
): string {
  const parts: string[] = [];
  const by = committer.username;
  for (const [username, devices] of byAccount(change.added)) {
    const wasMember = before.some((d) => d.username === username);
    if (!wasMember) parts.push(username === by ? `${username} joined` : `${by} added ${username}`);
    else parts.push(`${plural(devices, 'new device')} of ${username} joined`);
  }
  for (const [username, devices] of byAccount(change.removed)) {
    const stays = before.some((d) => d.username === username && !change.removed.some((r) => same(r, d)));
    if (stays) parts.push(`${by} removed ${plural(devices, 'device')} of ${username}`);
    else parts.push(username === by ? `${username} left` : `${by} removed ${username}`);
  }
  return parts.join('; ');
}

function byAccount(devices: readonly DeviceRef[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of devices) out.set(d.username, (out.get(d.username) ?? 0) + 1);
  return out;
}

function plural(n: number, noun: string): string {
  return n === 1 ? `a ${noun}` : `${n} ${noun}s`;
}

function same(a: DeviceRef, b: DeviceRef): boolean {
  return a.username === b.username && a.deviceId === b.deviceId;
}
