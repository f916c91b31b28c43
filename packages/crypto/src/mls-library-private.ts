/** Application messages: PrivateMessage framing (RFC 9420 §6.3), encrypted, and read back. */
import { bytesToHex } from '@noble/hashes/utils.js';
import { createApplicationMessage, emptyPskIndex, encodeMlsMessage, processPrivateMessage } from 'ts-mls';
import { decryptSenderData, type PrivateMessage } from 'ts-mls/privateMessage.js';
import { MlsProtocolError } from './errors.js';
import {
  type AuthCheck,
  basicIdentity,
  configWith,
  decode,
  guarded,
  type LibraryLeaf,
  type LibraryState,
  suite,
} from './mls-library.js';

/** Encrypts application data as a PrivateMessage. */
export async function encrypt(
  state: LibraryState,
  plaintext: Uint8Array,
): Promise<{ message: Uint8Array; state: LibraryState; consumed: Uint8Array[] }> {
  const cs = await suite();
  const result = await guarded('encrypt', () => createApplicationMessage(state, plaintext, cs));
  const message = encodeMlsMessage({
    version: 'mls10',
    wireformat: 'mls_private_message',
    privateMessage: result.privateMessage,
  });
  return { message, state: result.newState, consumed: result.consumed };
}

function privateMessageOf(state: LibraryState, bytes: Uint8Array): PrivateMessage {
  const msg = decode(bytes);
  if (msg.wireformat !== 'mls_private_message')
    throw new MlsProtocolError('Parley only accepts PrivateMessage framing');
  const pm = msg.privateMessage;
  if (bytesToHex(pm.groupId) !== bytesToHex(state.groupContext.groupId)) {
    throw new MlsProtocolError('message is for another group');
  }
  return pm;
}

/**
 * Reads who sent a message without advancing any ratchet: the leaf from the (possibly past) epoch's tree.
 * ts-mls verifies the content signature against this same leaf when the message is processed.
 */
export async function peekSender(
  state: LibraryState,
  bytes: Uint8Array,
): Promise<Readonly<{ contentType: string; epoch: bigint; leaf: LibraryLeaf }>> {
  const cs = await suite();
  const pm = privateMessageOf(state, bytes);
  const current = pm.epoch === state.groupContext.epoch;
  const receiver = current ? undefined : state.historicalReceiverData.get(pm.epoch);
  if (!current && receiver === undefined) throw new MlsProtocolError(`no keys for epoch ${pm.epoch}`);
  const secret = receiver?.senderDataSecret ?? state.keySchedule.senderDataSecret;
  const tree = receiver?.ratchetTree ?? state.ratchetTree;
  const senderData = await guarded('decrypt sender data', () => decryptSenderData(pm, secret, cs));
  const node = senderData === undefined ? undefined : tree[senderData.leafIndex * 2];
  if (senderData === undefined || node?.nodeType !== 'leaf') throw new MlsProtocolError('unknown sender');
  const leaf = {
    leafIndex: senderData.leafIndex,
    identity: basicIdentity(node.leaf.credential),
    signatureKey: node.leaf.signaturePublicKey,
  };
  return { contentType: pm.contentType, epoch: pm.epoch, leaf };
}

/** Decrypts and applies a PrivateMessage; standalone proposals are refused (Parley commits them inline). */
export async function processPrivate(
  state: LibraryState,
  bytes: Uint8Array,
  auth: AuthCheck,
): Promise<
  | { kind: 'application'; plaintext: Uint8Array; state: LibraryState; consumed: Uint8Array[] }
  | { kind: 'commit'; state: LibraryState; consumed: Uint8Array[] }
> {
  const cs = await suite();
  const pm = privateMessageOf(state, bytes);
  if (pm.contentType === 'proposal') throw new MlsProtocolError('standalone proposals are not accepted');
  const withConfig = { ...state, clientConfig: configWith(auth) };
  const result = await guarded('process message', () =>
    processPrivateMessage(withConfig, pm, emptyPskIndex, cs),
  );
  const consumed = result.consumed;
  if (result.kind === 'applicationMessage') {
    return { kind: 'application', plaintext: result.message, state: result.newState, consumed };
  }
  return { kind: 'commit', state: result.newState, consumed };
}
