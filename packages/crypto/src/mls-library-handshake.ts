/**
 * Handshakes in the clear: commits arrive as PublicMessages (see mls-public-commit.ts), and a member that can
 * no longer follow the group rejoins it by an external commit from the latest GroupInfo (RFC 9420 §12.4.3.2).
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { PublicMessage } from 'ts-mls';
import {
  createGroupInfoWithExternalPubAndRatchetTree,
  emptyPskIndex,
  encodeMlsMessage,
  joinGroupExternal,
  processPublicMessage,
} from 'ts-mls';
import { ratchetTreeFromExtension } from 'ts-mls/groupInfo.js';
import { MlsProtocolError } from './errors.js';
import {
  type AuthCheck,
  basicIdentity,
  configWith,
  decode,
  guarded,
  type LibraryLeaf,
  type LibraryState,
  ownLeafPackage,
  type SigningKeys,
  suite,
} from './mls-library.js';

/** The wire format of a group message: commits are public, application messages private. */
export function isPublicMessage(bytes: Uint8Array): boolean {
  return decode(bytes).wireformat === 'mls_public_message';
}

function publicMessageOf(state: LibraryState, bytes: Uint8Array): PublicMessage {
  const msg = decode(bytes);
  if (msg.wireformat !== 'mls_public_message') throw new MlsProtocolError('not a PublicMessage');
  const pm = msg.publicMessage;
  if (bytesToHex(pm.content.groupId) !== bytesToHex(state.groupContext.groupId))
    throw new MlsProtocolError('message is for another group');
  if (pm.content.contentType !== 'commit') throw new MlsProtocolError('only commits are sent in the clear');
  return pm;
}

function leafAt(state: LibraryState, leafIndex: number): LibraryLeaf | undefined {
  const node = state.ratchetTree[leafIndex * 2];
  if (node?.nodeType !== 'leaf') return undefined;
  return {
    leafIndex,
    identity: basicIdentity(node.leaf.credential),
    signatureKey: node.leaf.signaturePublicKey,
  };
}

/**
 * Verifies and applies a commit sent as a PublicMessage. The committer is the member leaf that signed it, or
 * for a rejoining device the leaf its external commit puts in the tree.
 */
export async function processPublic(
  state: LibraryState,
  bytes: Uint8Array,
  auth: AuthCheck,
): Promise<{ committer: LibraryLeaf; state: LibraryState; consumed: Uint8Array[] }> {
  const cs = await suite();
  const pm = publicMessageOf(state, bytes);
  const sender = pm.content.sender;
  if (pm.content.epoch !== state.groupContext.epoch)
    throw new MlsProtocolError(
      `commit for epoch ${pm.content.epoch}, group is at ${state.groupContext.epoch}`,
    );
  const memberLeaf = sender.senderType === 'member' ? leafAt(state, sender.leafIndex) : undefined;
  if (sender.senderType === 'member' && memberLeaf === undefined)
    throw new MlsProtocolError('unknown sender');
  const withConfig = { ...state, clientConfig: configWith(auth) };
  const result = await guarded('process commit', () =>
    processPublicMessage(withConfig, pm, emptyPskIndex, cs),
  );
  let committer = memberLeaf;
  const path = pm.content.contentType === 'commit' ? pm.content.commit.path : undefined;
  if (committer === undefined && path !== undefined) {
    const key = bytesToHex(path.leafNode.signaturePublicKey);
    for (let i = 0; i * 2 < result.newState.ratchetTree.length; i++) {
      const leaf = leafAt(result.newState, i);
      if (leaf && bytesToHex(leaf.signatureKey) === key) committer = leaf;
    }
  }
  if (committer === undefined) throw new MlsProtocolError('commit without a committer');
  return { committer, state: result.newState, consumed: result.consumed };
}

/**
 * Rejoins a group this device is a member of from the latest GroupInfo: an external commit that replaces the
 * device's own leaf (found by its signature key) with a fresh one. Every leaf of the GroupInfo's tree and its
 * signer pass `auth` first.
 */
export async function rejoin(
  groupInfo: Uint8Array,
  identity: Uint8Array,
  keys: SigningKeys,
  auth: AuthCheck,
): Promise<{ commit: Uint8Array; groupInfo: Uint8Array; state: LibraryState }> {
  const cs = await suite();
  const msg = decode(groupInfo);
  if (msg.wireformat !== 'mls_group_info') throw new MlsProtocolError('not a GroupInfo');
  const ownLeaf = await ownLeafPackage(identity, keys);
  // ts-mls 1.6 loops forever on a resync whose device has no leaf in the tree: refuse that case first.
  const key = bytesToHex(keys.publicKey);
  const held = ratchetTreeFromExtension(msg.groupInfo)?.some(
    (n) => n?.nodeType === 'leaf' && bytesToHex(n.leaf.signaturePublicKey) === key,
  );
  if (!held) throw new MlsProtocolError('this device is not in the group it would rejoin');
  const result = await guarded('rejoin', () =>
    joinGroupExternal(
      msg.groupInfo,
      ownLeaf.publicPackage,
      { ...ownLeaf.privatePackage, signaturePrivateKey: keys.privateKey },
      true,
      cs,
      undefined,
      configWith(auth),
    ),
  );
  const commit = encodeMlsMessage({
    version: 'mls10',
    wireformat: 'mls_public_message',
    publicMessage: result.publicMessage,
  });
  const info = await guarded('create GroupInfo', () =>
    createGroupInfoWithExternalPubAndRatchetTree(result.newState, [], cs),
  );
  const groupInfoBytes = encodeMlsMessage({
    version: 'mls10',
    wireformat: 'mls_group_info',
    groupInfo: info,
  });
  return { commit, groupInfo: groupInfoBytes, state: result.newState };
}
