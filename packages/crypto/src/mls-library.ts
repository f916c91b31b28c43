/**
 * With mls-library-handshake.ts, mls-library-private.ts and mls-public-commit.ts, the only modules that import
 * ts-mls (pinned 1.6.4).
 * They speak in bytes and plain records so that a move to ts-mls 2.x (params-object API, explicit
 * authentication service, sender in results) is confined here. Every library failure leaves as an
 * MlsProtocolError.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type {
  CiphersuiteImpl,
  ClientConfig,
  ClientState,
  Credential,
  KeyPackage,
  MLSMessage,
  Proposal,
} from 'ts-mls';
import {
  createCommit,
  createGroup,
  createGroupInfoWithExternalPubAndRatchetTree,
  decodeGroupState,
  decodeMlsMessage,
  defaultCapabilities,
  defaultKeyPackageEqualityConfig,
  defaultKeyRetentionConfig,
  defaultLifetime,
  defaultLifetimeConfig,
  defaultPaddingConfig,
  emptyPskIndex,
  encodeGroupState,
  encodeMlsMessage,
  generateKeyPackageWithKey,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  nobleCryptoProvider,
  zeroOutUint8Array,
} from 'ts-mls';
import { makeKeyPackageRef } from 'ts-mls/keyPackage.js';
import { MlsProtocolError } from './errors.js';
import type { ContextExtension } from './mls-identity.js';

/** Opaque library state; only this module looks inside. */
export type LibraryState = ClientState;

/** Decides whether a credential met in a group is acceptable; `identity` is undefined for non-basic credentials. */
export type AuthCheck = (identity: Uint8Array | undefined, signatureKey: Uint8Array) => Promise<boolean>;

/** A leaf of the ratchet tree in library-neutral terms. */
export type LibraryLeaf = Readonly<{
  leafIndex: number;
  identity: Uint8Array | undefined;
  signatureKey: Uint8Array;
}>;

export type SigningKeys = Readonly<{ publicKey: Uint8Array; privateKey: Uint8Array }>;

const SUITE = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519';
/**
 * Parley's group context extension (private-use range, RFC 9420 §17.3): the conversation's admins, set by
 * its creator and changed only by a commit of an admin. Every Parley leaf supports it.
 */
export const CONVERSATION_ADMINS_EXTENSION = 0xf0a1;
/** Marks an account's own group of its devices (empty value), where they share what they trust. */
export const ACCOUNT_GROUP_EXTENSION = 0xf0a2;
/** RFC 9420 registry value of the last_resort KeyPackage extension. */
const LAST_RESORT_EXTENSION = 10;
const STATE_FORMAT = 1;

let suitePromise: Promise<CiphersuiteImpl> | undefined;
/** The noble provider works in every browser (WebCrypto Ed25519 is not universal); memoized because it is immutable. */
export function suite(): Promise<CiphersuiteImpl> {
  suitePromise ??= getCiphersuiteImpl(getCiphersuiteFromName(SUITE), nobleCryptoProvider);
  return suitePromise;
}

export function configWith(auth: AuthCheck): ClientConfig {
  return {
    keyRetentionConfig: defaultKeyRetentionConfig,
    lifetimeConfig: defaultLifetimeConfig,
    keyPackageEqualityConfig: defaultKeyPackageEqualityConfig,
    paddingConfig: defaultPaddingConfig,
    authService: { validateCredential: (c: Credential, key: Uint8Array) => auth(basicIdentity(c), key) },
  };
}

export function basicIdentity(c: Credential): Uint8Array | undefined {
  return c.credentialType === 'basic' ? c.identity : undefined;
}

/** Zeroes secrets a state transition used up. */
export function wipe(consumed: Uint8Array[]): void {
  for (const secret of consumed) zeroOutUint8Array(secret);
}

/** Runs a library call, converting its errors; our own errors (e.g. from an AuthCheck) pass through. */
export async function guarded<T>(what: string, f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (cause) {
    if (cause instanceof MlsProtocolError) throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new MlsProtocolError(`${what}: ${detail}`, { cause });
  }
}

export function decode(bytes: Uint8Array): MLSMessage {
  const decoded = decodeMlsMessage(bytes, 0);
  if (decoded === undefined || decoded[1] !== bytes.length)
    throw new MlsProtocolError('malformed MLS message');
  return decoded[0];
}

function decodeKeyPackage(bytes: Uint8Array): KeyPackage {
  const msg = decode(bytes);
  if (msg.wireformat !== 'mls_key_package') throw new MlsProtocolError('not a KeyPackage');
  if (msg.keyPackage.cipherSuite !== SUITE) throw new MlsProtocolError('KeyPackage uses another ciphersuite');
  return msg.keyPackage;
}

/** The credential and signature key a KeyPackage claims, so callers can authorize before using it. */
export function keyPackageLeaf(bytes: Uint8Array): Omit<LibraryLeaf, 'leafIndex'> {
  const kp = decodeKeyPackage(bytes);
  return { identity: basicIdentity(kp.leafNode.credential), signatureKey: kp.leafNode.signaturePublicKey };
}

/** Creates a signed KeyPackage for a basic credential, returning the encoded MLSMessage and its private HPKE keys. */
/** A KeyPackage's validity window, in seconds since the epoch (RFC 9420 Lifetime). */
export type LifetimeSeconds = Readonly<{ notBefore: bigint; notAfter: bigint }>;

export async function generateKeyPackage(
  identity: Uint8Array,
  keys: SigningKeys,
  lastResort: boolean,
  lifetime: LifetimeSeconds,
) {
  const cs = await suite();
  const capabilities = parleyCapabilities();
  const extensions = lastResort
    ? [{ extensionType: LAST_RESORT_EXTENSION, extensionData: new Uint8Array(0) }]
    : [];
  if (lastResort) capabilities.extensions = [...capabilities.extensions, LAST_RESORT_EXTENSION];
  const { publicPackage, privatePackage } = await generateKeyPackageWithKey(
    { credentialType: 'basic', identity },
    capabilities,
    lifetime,
    extensions,
    { signKey: keys.privateKey, publicKey: keys.publicKey },
    cs,
  );
  return {
    keyPackage: encodeMlsMessage({
      version: 'mls10',
      wireformat: 'mls_key_package',
      keyPackage: publicPackage,
    }),
    initPrivateKey: privatePackage.initPrivateKey,
    hpkePrivateKey: privatePackage.hpkePrivateKey,
    ref: bytesToHex(await makeKeyPackageRef(publicPackage, cs.hash)),
  };
}

/** KeyPackage references (hex) of the new members a Welcome is addressed to. */
export function welcomeRefs(welcome: Uint8Array): string[] {
  const msg = decode(welcome);
  if (msg.wireformat !== 'mls_welcome') throw new MlsProtocolError('not a Welcome');
  return msg.welcome.secrets.map((s) => bytesToHex(s.newMember));
}

/** What every Parley leaf supports: the library's defaults and Parley's own context extension. */
export function parleyCapabilities() {
  const capabilities = defaultCapabilities();
  capabilities.extensions = [
    ...capabilities.extensions,
    CONVERSATION_ADMINS_EXTENSION,
    ACCOUNT_GROUP_EXTENSION,
  ];
  return capabilities;
}

/** A leaf for this device outside any KeyPackage store (creating or rejoining a group). */
export async function ownLeafPackage(identity: Uint8Array, keys: SigningKeys) {
  return generateKeyPackageWithKey(
    { credentialType: 'basic', identity },
    parleyCapabilities(),
    defaultLifetime,
    [],
    { signKey: keys.privateKey, publicKey: keys.publicKey },
    await suite(),
  );
}

/** Starts a one-member group at epoch 0 with the given context extensions. */
export async function createGroupState(
  groupId: Uint8Array,
  identity: Uint8Array,
  keys: SigningKeys,
  extensions: readonly ContextExtension[],
  auth: AuthCheck,
): Promise<LibraryState> {
  const cs = await suite();
  const own = await ownLeafPackage(identity, keys);
  const context = extensions.map((e) => ({ extensionType: e.type, extensionData: e.data }));
  return guarded('create group', () =>
    createGroup(groupId, own.publicPackage, own.privatePackage, context, cs, configWith(auth)),
  );
}

/** The group context extensions of the current epoch. */
export function contextExtensions(state: LibraryState): ContextExtension[] {
  return state.groupContext.extensions.map((e) => ({ type: Number(e.extensionType), data: e.extensionData }));
}

/** Joins from a Welcome that carries the ratchet tree; `auth` is applied to every leaf of that tree. */
export async function joinState(
  welcome: Uint8Array,
  keyPackage: Uint8Array,
  keys: Readonly<{ initPrivateKey: Uint8Array; hpkePrivateKey: Uint8Array; signaturePrivateKey: Uint8Array }>,
  auth: AuthCheck,
): Promise<LibraryState> {
  const cs = await suite();
  const msg = decode(welcome);
  if (msg.wireformat !== 'mls_welcome') throw new MlsProtocolError('not a Welcome');
  const kp = decodeKeyPackage(keyPackage);
  return guarded('join from Welcome', () =>
    joinGroup(msg.welcome, kp, keys, emptyPskIndex, cs, undefined, undefined, configWith(auth)),
  );
}

/**
 * Commits adds, removes and a replacement of the context extensions in one epoch change, as a PublicMessage
 * the delivery service can read. Every commit but an add-only one carries a path, which refreshes the
 * committer's keys. With it
 * comes the new epoch's GroupInfo, from which a member that fell out of step can rejoin.
 * `consumed` is NOT wiped here: the old state still needs those secrets if the delivery service rejects the commit.
 */
export async function commit(
  state: LibraryState,
  change: Readonly<{ add: Uint8Array[]; remove: number[]; extensions?: readonly ContextExtension[] }>,
  auth: AuthCheck,
): Promise<{
  commit: Uint8Array;
  welcome: Uint8Array | undefined;
  groupInfo: Uint8Array;
  state: LibraryState;
  consumed: Uint8Array[];
}> {
  const cs = await suite();
  const proposals: Proposal[] = [
    ...change.add.map((kp): Proposal => ({ proposalType: 'add', add: { keyPackage: decodeKeyPackage(kp) } })),
    ...change.remove.map((removed): Proposal => ({ proposalType: 'remove', remove: { removed } })),
  ];
  if (change.extensions) {
    const extensions = change.extensions.map((e) => ({ extensionType: e.type, extensionData: e.data }));
    proposals.push({ proposalType: 'group_context_extensions', groupContextExtensions: { extensions } });
  }
  const result = await guarded('create commit', () =>
    createCommit(
      { state: { ...state, clientConfig: configWith(auth) }, cipherSuite: cs },
      { extraProposals: proposals, ratchetTreeExtension: true, wireAsPublicMessage: true },
    ),
  );
  const welcome = result.welcome;
  const groupInfo = await guarded('create GroupInfo', () =>
    createGroupInfoWithExternalPubAndRatchetTree(result.newState, [], cs),
  );
  return {
    commit: encodeMlsMessage(result.commit),
    welcome:
      welcome === undefined
        ? undefined
        : encodeMlsMessage({ version: 'mls10', wireformat: 'mls_welcome', welcome }),
    groupInfo: encodeMlsMessage({ version: 'mls10', wireformat: 'mls_group_info', groupInfo }),
    state: result.newState,
    consumed: result.consumed,
  };
}

/** Occupied leaves of the current tree. */
export function leaves(state: LibraryState): LibraryLeaf[] {
  const out: LibraryLeaf[] = [];
  for (const [nodeIndex, node] of state.ratchetTree.entries()) {
    if (nodeIndex % 2 !== 0 || node?.nodeType !== 'leaf') continue;
    out.push({
      leafIndex: nodeIndex / 2,
      identity: basicIdentity(node.leaf.credential),
      signatureKey: node.leaf.signaturePublicKey,
    });
  }
  return out;
}

export function stateEpoch(state: LibraryState): bigint {
  return state.groupContext.epoch;
}

export function stateGroupId(state: LibraryState): Uint8Array {
  return state.groupContext.groupId;
}

export function isRemoved(state: LibraryState): boolean {
  return state.groupActiveState.kind === 'removedFromGroup';
}

/** Serializes the state (private keys included) behind a format byte so a future library can migrate it. */
export function encodeState(state: LibraryState): Uint8Array {
  const body = encodeGroupState(state);
  const out = new Uint8Array(body.length + 1);
  out[0] = STATE_FORMAT;
  out.set(body, 1);
  return out;
}

/** Decodes a state; the auth policy is re-attached on every operation, so a refuse-all config is stored. */
export function decodeState(bytes: Uint8Array): LibraryState {
  if (bytes[0] !== STATE_FORMAT) throw new MlsProtocolError('unknown group state format');
  const decoded = decodeGroupState(bytes.subarray(1), 0);
  if (decoded === undefined || decoded[1] !== bytes.length - 1)
    throw new MlsProtocolError('malformed group state');
  return { ...decoded[0], clientConfig: configWith(async () => false) };
}
