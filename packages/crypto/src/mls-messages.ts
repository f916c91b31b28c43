import { MlsProtocolError } from './errors.js';
import { epoch, Group, isRemovedFromGroup, members, rosterDiff, withPolicy } from './mls-group.js';
import {
  type CredentialPolicy,
  type DeviceRef,
  type Member,
  parseCredentialIdentity,
  sameMember,
} from './mls-identity.js';
import { isPublicMessage, processPublic } from './mls-library-handshake.js';
import { encrypt, peekSender, processPrivate } from './mls-library-private.js';

/** The outcome of processing one incoming group message. */
export type ProcessedMessage =
  | Readonly<{
      kind: 'application';
      sender: DeviceRef;
      /** The sender leaf's signature key, which ts-mls verified the message under. */
      senderKey: Uint8Array;
      plaintext: Uint8Array;
      next: Group;
    }>
  | Readonly<{
      kind: 'commit';
      /** The member whose signature on the commit ts-mls verified. */
      committer: DeviceRef;
      epoch: number;
      added: Member[];
      removed: Member[];
      removedSelf: boolean;
      next: Group;
    }>
  | Readonly<{ kind: 'dropped'; reason: 'sender-no-longer-member' }>;

/** Encrypts application data for the group (PrivateMessage framing); the input Group is spent. */
export async function encryptMessage(
  group: Group,
  plaintext: Uint8Array,
): Promise<{ message: Uint8Array; next: Group }> {
  const result = await encrypt(group.use(), plaintext);
  group.retire(result.consumed);
  return { message: result.message, next: new Group(result.state) };
}

/**
 * Processes an incoming message. The sender is identified before decryption from the sender data (the same
 * leaf whose signature ts-mls then verifies). A message from a past epoch whose sender is no longer in the
 * roster is dropped: ts-mls keeps past epochs' keys, so a removed device could otherwise still inject.
 * On success the input Group is spent (a dropped message leaves it usable).
 * Throws MlsProtocolError for anything invalid and UnauthorizedMemberError when a commit adds a refused device.
 */
export async function processMessage(
  group: Group,
  message: Uint8Array,
  policy: CredentialPolicy,
): Promise<ProcessedMessage> {
  if (isPublicMessage(message)) return processPublicCommit(group, message, policy);
  const peek = await peekSender(group.use(), message);
  const sender = parseCredentialIdentity(peek.leaf.identity);
  if (sender === undefined) throw new MlsProtocolError('sender credential is not a Parley device');
  const roster = members(group);
  if (peek.contentType === 'application' && Number(peek.epoch) < epoch(group)) {
    const stillMember = roster.some((m) =>
      sameMember(m, { ...sender, signatureKey: peek.leaf.signatureKey }),
    );
    if (!stillMember) return { kind: 'dropped', reason: 'sender-no-longer-member' };
  }
  const result = await withPolicy(policy, (auth) => processPrivate(group.state, message, auth));
  group.retire(result.consumed);
  const next = new Group(result.state);
  if (result.kind === 'application') {
    return {
      kind: 'application',
      sender,
      senderKey: peek.leaf.signatureKey,
      plaintext: result.plaintext,
      next,
    };
  }
  return commitOutcome(sender, roster, next);
}

function commitOutcome(committer: DeviceRef, before: Member[], next: Group): ProcessedMessage {
  const after = members(next);
  return {
    kind: 'commit',
    committer,
    epoch: epoch(next),
    added: rosterDiff(before, after),
    removed: rosterDiff(after, before),
    removedSelf: isRemovedFromGroup(next),
    next,
  };
}

/** A commit in the clear: ts-mls verifies its signature, membership tag and confirmation tag. */
async function processPublicCommit(
  group: Group,
  message: Uint8Array,
  policy: CredentialPolicy,
): Promise<ProcessedMessage> {
  const roster = members(group);
  const result = await withPolicy(policy, (auth) => processPublic(group.use(), message, auth));
  const committer = parseCredentialIdentity(result.committer.identity);
  if (committer === undefined) throw new MlsProtocolError('committer credential is not a Parley device');
  group.retire(result.consumed);
  return commitOutcome(committer, roster, new Group(result.state));
}
