import { CryptoError, MlsProtocolError, UnauthorizedMemberError } from './errors.js';
import {
  type ContextExtension,
  type CredentialPolicy,
  credentialIdentity,
  type DeviceIdentity,
  type DeviceRef,
  type Member,
  parseCredentialIdentity,
  sameMember,
} from './mls-identity.js';
import { decodePrivatePackage } from './mls-key-package.js';
import {
  type AuthCheck,
  commit,
  contextExtensions,
  createGroupState,
  decodeState,
  encodeState,
  isRemoved,
  joinState,
  keyPackageLeaf,
  type LibraryState,
  leaves,
  stateEpoch,
  stateGroupId,
  wipe,
} from './mls-library.js';
import { rejoin } from './mls-library-handshake.js';

/**
 * One device's view of an MLS group at one epoch. Each operation returns a new Group and spends the old one
 * (its used-up secrets are zeroed), so continue from `next`. A commit you create is the exception: the old
 * Group stays usable until `next` is first used or encoded, so a commit the delivery service rejects can be
 * abandoned and the winner's commit processed from the old Group.
 */
export class Group {
  /** @internal Library state; read it only through this package's functions. */
  readonly state: LibraryState;
  #spent = false;
  #previous: Readonly<{ group: Group; consumed: Uint8Array[] }> | undefined;

  /** @internal */
  constructor(state: LibraryState, previous?: Readonly<{ group: Group; consumed: Uint8Array[] }>) {
    this.state = state;
    this.#previous = previous;
  }

  /** @internal Returns the state for a transition, first retiring the group this one was committed from. */
  use(): LibraryState {
    if (this.#spent)
      throw new CryptoError('this Group was already used; continue from the Group it returned');
    const previous = this.#previous;
    if (previous !== undefined) {
      this.#previous = undefined;
      previous.group.retire(previous.consumed);
    }
    return this.state;
  }

  /** @internal Marks the group spent and zeroes the secrets its successor no longer needs. */
  retire(consumed: Uint8Array[]): void {
    this.#spent = true;
    wipe(consumed);
  }
}

/**
 * Builds the AuthCheck ts-mls calls for every credential, remembering refusals so that the library's generic
 * validation error can be reported as the UnauthorizedMemberError it really is.
 */
export function authCheckFor(policy: CredentialPolicy, refused: DeviceRef[] = []): AuthCheck {
  return async (identity, signatureKey) => {
    const device = parseCredentialIdentity(identity);
    if (device === undefined) {
      refused.push({ username: '?', deviceId: '?' });
      return false;
    }
    const ok = await policy.isAuthorized({ ...device, signatureKey });
    if (!ok) refused.push(device);
    return ok;
  };
}

/** For commits that bring no new credential into the tree: the policy is never consulted, and says so. */
const refuseAll: AuthCheck = async () => false;

/** Runs an operation that consults the policy, converting a library failure caused by a refusal. */
export async function withPolicy<T>(
  policy: CredentialPolicy,
  f: (auth: AuthCheck) => Promise<T>,
): Promise<T> {
  const refused: DeviceRef[] = [];
  try {
    return await f(authCheckFor(policy, refused));
  } catch (cause) {
    const first = refused[0];
    if (first !== undefined && !(cause instanceof UnauthorizedMemberError)) {
      throw new UnauthorizedMemberError(`device ${first.username}:${first.deviceId} is not authorized`, {
        cause,
      });
    }
    throw cause;
  }
}

/** The members of the current epoch; leaves whose credential does not parse are omitted (they cannot join). */
export function members(group: Group): Member[] {
  const out: Member[] = [];
  for (const leaf of leaves(group.state)) {
    const device = parseCredentialIdentity(leaf.identity);
    if (device !== undefined)
      out.push({ ...device, signatureKey: leaf.signatureKey, leafIndex: leaf.leafIndex });
  }
  return out;
}

/** Members in `after` that are not in `before` (same device, same key, same leaf). */
export function rosterDiff(before: Member[], after: Member[]): Member[] {
  return after.filter((m) => !before.some((b) => b.leafIndex === m.leafIndex && sameMember(b, m)));
}

/** The current epoch number; it increases by one with every commit. */
export function epoch(group: Group): number {
  return Number(stateEpoch(group.state));
}

/** The group's id as chosen by its creator. */
export function groupId(group: Group): Uint8Array {
  return stateGroupId(group.state).slice();
}

const signingKeys = (identity: DeviceIdentity) => ({
  publicKey: identity.signaturePublicKey,
  privateKey: identity.signaturePrivateKey,
});

/** Creates a group with the caller as its only member and the given context extensions. */
export async function createGroup(
  identity: DeviceIdentity,
  id: Uint8Array,
  policy: CredentialPolicy,
  extensions: readonly ContextExtension[] = [],
): Promise<Group> {
  const own = credentialIdentity(identity);
  return new Group(
    await withPolicy(policy, (auth) => createGroupState(id, own, signingKeys(identity), extensions, auth)),
  );
}

/** The current epoch's value of a context extension, if the group has it. */
export function contextExtension(group: Group, type: number): Uint8Array | undefined {
  return contextExtensions(group.state)
    .find((e) => e.type === type)
    ?.data.slice();
}

/** Commits a new value of one context extension, keeping the others. */
export async function setContextExtension(
  group: Group,
  extension: ContextExtension,
): Promise<{ commit: Uint8Array; groupInfo: Uint8Array; next: Group }> {
  const others = contextExtensions(group.state).filter((e) => e.type !== extension.type);
  const change = { add: [], remove: [], extensions: [...others, extension] };
  const result = await commit(group.use(), change, refuseAll);
  const next = new Group(result.state, { group, consumed: result.consumed });
  return { commit: result.commit, groupInfo: result.groupInfo, next };
}

/**
 * Rejoins a group this device fell out of step with (a commit it could not process), from the latest
 * GroupInfo: its leaf is replaced by a fresh one in an external commit. Every member of the tree must pass
 * the policy. Send `commit` as the next epoch's commit; history before it stays unreadable.
 */
export async function rejoinGroup(
  identity: DeviceIdentity,
  groupInfo: Uint8Array,
  policy: CredentialPolicy,
): Promise<{ commit: Uint8Array; groupInfo: Uint8Array; next: Group }> {
  const own = credentialIdentity(identity);
  const result = await withPolicy(policy, (auth) => rejoin(groupInfo, own, signingKeys(identity), auth));
  return { commit: result.commit, groupInfo: result.groupInfo, next: new Group(result.state) };
}

/**
 * Adds devices by their KeyPackages in one commit. Each is checked against the policy before anything is sent;
 * send `commit` to the group and `welcome` to the new devices, and adopt `next` once the commit is accepted.
 */
export async function addMembers(
  group: Group,
  keyPackages: Uint8Array[],
  policy: CredentialPolicy,
): Promise<{ commit: Uint8Array; welcome: Uint8Array; groupInfo: Uint8Array; next: Group; added: Member[] }> {
  if (keyPackages.length === 0) throw new CryptoError('no KeyPackages to add');
  for (const kp of keyPackages) {
    const leaf = keyPackageLeaf(kp);
    const device = parseCredentialIdentity(leaf.identity);
    if (device === undefined)
      throw new UnauthorizedMemberError('KeyPackage credential is not a Parley device');
    if (!(await policy.isAuthorized({ ...device, signatureKey: leaf.signatureKey }))) {
      throw new UnauthorizedMemberError(`device ${device.username}:${device.deviceId} is not authorized`);
    }
  }
  const result = await withPolicy(policy, (auth) =>
    commit(group.use(), { add: keyPackages, remove: [] }, auth),
  );
  if (result.welcome === undefined) throw new MlsProtocolError('commit produced no Welcome');
  const next = new Group(result.state, { group, consumed: result.consumed });
  return {
    commit: result.commit,
    welcome: result.welcome,
    groupInfo: result.groupInfo,
    next,
    added: rosterDiff(members(group), members(next)),
  };
}

/** Removes devices in one commit; throws if one is not a member. */
export async function removeMembers(
  group: Group,
  devices: DeviceRef[],
): Promise<{ commit: Uint8Array; groupInfo: Uint8Array; next: Group; removed: Member[] }> {
  const current = members(group);
  const removed = devices.map((d) => {
    const found = current.find((m) => m.username === d.username && m.deviceId === d.deviceId);
    if (found === undefined) throw new CryptoError(`${d.username}:${d.deviceId} is not a member`);
    return found;
  });
  const result = await commit(group.use(), { add: [], remove: removed.map((m) => m.leafIndex) }, refuseAll);
  return {
    commit: result.commit,
    groupInfo: result.groupInfo,
    next: new Group(result.state, { group, consumed: result.consumed }),
    removed,
  };
}

/** An empty commit with a fresh path: rotates this device's leaf keys for post-compromise security. */
export async function selfUpdate(
  group: Group,
): Promise<{ commit: Uint8Array; groupInfo: Uint8Array; next: Group }> {
  const result = await commit(group.use(), { add: [], remove: [] }, refuseAll);
  const next = new Group(result.state, { group, consumed: result.consumed });
  return { commit: result.commit, groupInfo: result.groupInfo, next };
}

/** Joins a group from a Welcome; every member of the group's tree must pass the policy. */
export async function joinFromWelcome(
  identity: DeviceIdentity,
  welcome: Uint8Array,
  privatePackage: Uint8Array,
  keyPackage: Uint8Array,
  policy: CredentialPolicy,
): Promise<Group> {
  const own = keyPackageLeaf(keyPackage);
  const ownKey = own.signatureKey;
  if (
    ownKey.length !== identity.signaturePublicKey.length ||
    !ownKey.every((b, i) => b === identity.signaturePublicKey[i])
  ) {
    throw new CryptoError('KeyPackage does not belong to this device');
  }
  const keys = { ...decodePrivatePackage(privatePackage), signaturePrivateKey: identity.signaturePrivateKey };
  const state = await withPolicy(policy, (auth) => joinState(welcome, keyPackage, keys, auth));
  return new Group(state);
}

/** Serializes the group for storage (this adopts it, like any use). The bytes contain private keys: seal them. */
export function encodeGroup(group: Group): Uint8Array {
  return encodeState(group.use());
}

/** Restores a group from `encodeGroup`; the policy is supplied again on each operation that needs it. */
export function decodeGroup(bytes: Uint8Array): Group {
  return new Group(decodeState(bytes));
}

/** True once a processed commit removed this device; the group can no longer send or receive. */
export function isRemovedFromGroup(group: Group): boolean {
  return isRemoved(group.state);
}
