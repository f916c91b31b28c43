import {
  CONVERSATION_ADMINS_EXTENSION,
  type CommittedLeaf,
  decodeAdmins,
  type PublicCommit,
} from '@parley/crypto';
import { limits } from '@parley/protocol';
import { ApiError } from '../../errors.ts';

/** A device as the server knows it: its account and its registered (MLS signature) key. */
export type KnownDevice = Readonly<{ deviceId: string; username: string; signatureKey: Uint8Array }>;

export type GroupState = Readonly<{
  /** Leaf index → the device holding it, or null for a deleted device whose removal is pending. */
  leaves: ReadonlyMap<number, string | null>;
  admins: readonly string[];
}>;

/** What the server does with an accepted commit. */
export type MembershipChange = Readonly<{
  /** Devices that join, with the leaf each is placed in. */
  added: readonly Readonly<{ deviceId: string; leafIndex: number }>[];
  /** Leaves emptied, and the devices (still existing) that leave with them. */
  removedLeaves: readonly number[];
  removedDevices: readonly string[];
  /** A rejoining device's new leaf (its old one is in removedLeaves). */
  rejoinedLeaf: number | undefined;
  admins: readonly string[] | undefined;
}>;

const invalid = (message: string) => new ApiError('invalid_mls_message', message);

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function isDevice(leaf: CommittedLeaf, device: KnownDevice | undefined): boolean {
  return (
    device !== undefined &&
    leaf.deviceId === device.deviceId &&
    leaf.username === device.username &&
    sameKey(leaf.signatureKey, device.signatureKey)
  );
}

/** Leftmost free leaves, as RFC 9420 §12.1.1 places added members after the removals are applied. */
function placeLeaves(held: ReadonlySet<number>, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; out.length < count; i++) if (!held.has(i)) out.push(i);
  return out;
}

/**
 * Decides a commit from what it states: the committer holds the leaf it signs as (or rejoins its own),
 * adds are existing devices not yet in the group, removes name held leaves, another account's device is
 * removed only by an admin, and only an admin changes the admins. Throws the ApiError to answer with.
 */
export function decideCommit(
  commit: PublicCommit,
  committer: KnownDevice,
  group: GroupState,
  devices: ReadonlyMap<string, KnownDevice>,
): MembershipChange {
  const ownLeaf = [...group.leaves].find(([, id]) => id === committer.deviceId)?.[0];
  if (ownLeaf === undefined)
    throw invalid('This conversation predates checked membership (no leaf map); start a new one.');
  if (commit.pathLeaf && !isDevice(commit.pathLeaf, committer))
    throw invalid("The commit's path leaf is not the committing device.");
  const rejoin = commit.committer.kind === 'external';
  if (rejoin) {
    if (commit.removes.length !== 1 || commit.removes[0] !== ownLeaf)
      throw invalid('A rejoining device must replace exactly its own leaf.');
  } else if (commit.committer.leafIndex !== ownLeaf) {
    throw invalid("The commit is signed from another member's leaf.");
  }
  const isAdmin = group.admins.includes(committer.username);
  const removedDevices: string[] = [];
  for (const leaf of commit.removes) {
    if (!group.leaves.has(leaf)) throw new ApiError('member_unknown');
    const holder = group.leaves.get(leaf);
    const device = holder ? devices.get(holder) : undefined;
    if (!rejoin && leaf === ownLeaf) throw invalid('A device cannot remove itself.');
    if (device && device.username !== committer.username && !isAdmin) throw new ApiError('not_an_admin');
    if (holder && !rejoin) removedDevices.push(holder);
  }
  if (new Set(commit.removes).size !== commit.removes.length) throw invalid('A leaf is removed twice.');
  const current = new Set([...group.leaves.values()].filter((id) => id !== null));
  for (const add of commit.adds) {
    if (current.has(add.deviceId) || !isDevice(add, devices.get(add.deviceId)))
      throw new ApiError('member_unknown');
  }
  if (new Set(commit.adds.map((a) => a.deviceId)).size !== commit.adds.length)
    throw invalid('A device is added twice.');
  const held = new Set([...group.leaves.keys()].filter((leaf) => !commit.removes.includes(leaf)));
  const placed = placeLeaves(held, commit.adds.length + (rejoin ? 1 : 0));
  if (held.size + placed.length > limits.maxMembersPerGroup) throw new ApiError('group_full');
  return {
    added: commit.adds.map((a, i) => ({ deviceId: a.deviceId, leafIndex: placed[i] ?? -1 })),
    removedLeaves: commit.removes,
    removedDevices,
    rejoinedLeaf: rejoin ? placed[0] : undefined,
    admins: adminsChange(commit, isAdmin),
  };
}

function adminsChange(commit: PublicCommit, isAdmin: boolean): readonly string[] | undefined {
  if (commit.contextExtensions === undefined) return undefined;
  if (!isAdmin) throw new ApiError('not_an_admin');
  const entry = commit.contextExtensions.find((e) => e.type === CONVERSATION_ADMINS_EXTENSION);
  const admins = entry && decodeAdmins(entry.data);
  if (admins === undefined) throw invalid('A conversation must keep a valid list of admins.');
  return admins;
}
