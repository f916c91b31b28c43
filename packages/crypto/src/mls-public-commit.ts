/**
 * What a commit states, read without any key. Parley sends every commit as an MLS PublicMessage (RFC 9420
 * §6.2) so that the delivery service applies membership exactly as the commit itself states it, not as a
 * side list the committer could make up (RFC 9420 §16.8 lists what this reveals: nothing the server does not
 * already route by). Members still verify everything; this reading authenticates nothing.
 */
import type { KeyPackage, LeafNode, MLSMessage, Proposal } from 'ts-mls';
import { decodeMlsMessage, defaultCapabilities, defaultLifetime, encodeMlsMessage } from 'ts-mls';
import { MlsProtocolError } from './errors.js';
import {
  type ContextExtension,
  credentialIdentity,
  type DeviceRef,
  parseCredentialIdentity,
} from './mls-identity.js';

export type CommittedLeaf = DeviceRef & Readonly<{ signatureKey: Uint8Array }>;

export type PublicCommit = Readonly<{
  groupId: Uint8Array;
  epoch: bigint;
  /** A member's leaf, or an external commit by a device rejoining (resynchronising) the group. */
  committer: Readonly<{ kind: 'member'; leafIndex: number }> | Readonly<{ kind: 'external' }>;
  /** Devices added, in the order the tree places them (each in the leftmost free leaf). */
  adds: CommittedLeaf[];
  /** Leaf indices removed. */
  removes: number[];
  /** The committer's new leaf when the commit carries a path. */
  pathLeaf: CommittedLeaf | undefined;
  /** The group context extensions the commit replaces, when it replaces them. */
  contextExtensions: ContextExtension[] | undefined;
}>;

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

/** A KeyPackage shaped like a device's, with its signature key but random HPKE keys and signatures. */
function unsignedKeyPackage(device: CommittedLeaf): KeyPackage {
  return {
    version: 'mls10',
    cipherSuite: 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519',
    initKey: random(32),
    leafNode: {
      hpkePublicKey: random(32),
      signaturePublicKey: device.signatureKey,
      credential: { credentialType: 'basic', identity: credentialIdentity(device) },
      capabilities: defaultCapabilities(),
      leafNodeSource: 'key_package',
      lifetime: defaultLifetime,
      extensions: [],
      signature: random(64),
    },
    extensions: [],
    signature: random(64),
  };
}

function leafDevice(leaf: LeafNode, what: string): CommittedLeaf {
  const identity = leaf.credential.credentialType === 'basic' ? leaf.credential.identity : undefined;
  const device = parseCredentialIdentity(identity);
  if (device === undefined) throw new MlsProtocolError(`${what} is not a Parley device credential`);
  return { ...device, signatureKey: leaf.signaturePublicKey };
}

function decodeWhole(bytes: Uint8Array): MLSMessage {
  let decoded: ReturnType<typeof decodeMlsMessage>;
  try {
    decoded = decodeMlsMessage(bytes, 0);
  } catch {
    decoded = undefined;
  }
  if (decoded === undefined || decoded[1] !== bytes.length)
    throw new MlsProtocolError('malformed MLS message');
  return decoded[0];
}

/** Reads a PublicMessage commit; throws MlsProtocolError naming what is wrong with anything else. */
export function readPublicCommit(bytes: Uint8Array): PublicCommit {
  const msg = decodeWhole(bytes);
  if (msg.wireformat !== 'mls_public_message') throw new MlsProtocolError('a commit must be a PublicMessage');
  const { content } = msg.publicMessage;
  if (content.contentType !== 'commit') throw new MlsProtocolError('the message is not a commit');
  const sender = content.sender;
  const external = sender.senderType === 'new_member_commit';
  if (sender.senderType !== 'member' && !external)
    throw new MlsProtocolError('a commit must come from a member or a rejoining device');
  const adds: CommittedLeaf[] = [];
  const removes: number[] = [];
  let contextExtensions: ContextExtension[] | undefined;
  let externalInit = false;
  for (const entry of content.commit.proposals) {
    if (entry.proposalOrRefType !== 'proposal')
      throw new MlsProtocolError('proposals must be committed by value');
    const proposal: Proposal = entry.proposal;
    switch (proposal.proposalType) {
      case 'add':
        adds.push(leafDevice(proposal.add.keyPackage.leafNode, 'an added KeyPackage'));
        break;
      case 'remove':
        removes.push(proposal.remove.removed);
        break;
      case 'group_context_extensions':
        if (contextExtensions) throw new MlsProtocolError('two context extension proposals');
        contextExtensions = proposal.groupContextExtensions.extensions.map((e) => ({
          type: Number(e.extensionType),
          data: e.extensionData,
        }));
        break;
      case 'external_init':
        externalInit = true;
        break;
      default:
        throw new MlsProtocolError(`proposal type ${String(proposal.proposalType)} is not used by Parley`);
    }
  }
  if (external !== externalInit)
    throw new MlsProtocolError('an external init belongs exactly to a rejoining device');
  const path = content.commit.path;
  if (external && (path === undefined || adds.length > 0 || contextExtensions !== undefined))
    throw new MlsProtocolError('a rejoining device only replaces its own leaf');
  return {
    groupId: content.groupId,
    epoch: content.epoch,
    committer:
      sender.senderType === 'member' ? { kind: 'member', leafIndex: sender.leafIndex } : { kind: 'external' },
    adds,
    removes,
    pathLeaf: path === undefined ? undefined : leafDevice(path.leafNode, 'the committer leaf'),
    contextExtensions,
  };
}

/**
 * A PublicMessage commit with the structure `readPublicCommit` reads and no valid signature, tags or keys:
 * for tools and tests that exercise the delivery service without running MLS.
 */
export function unsignedPublicCommit(
  header: Readonly<{ groupId: Uint8Array; epoch: number; committerLeaf: number }>,
  change: Readonly<{
    adds?: readonly CommittedLeaf[];
    removes?: readonly number[];
    extensions?: readonly ContextExtension[];
    padding?: number;
  }>,
): Uint8Array {
  const proposals: Proposal[] = [
    ...(change.adds ?? []).map(
      (d): Proposal => ({ proposalType: 'add', add: { keyPackage: unsignedKeyPackage(d) } }),
    ),
    ...(change.removes ?? []).map((removed): Proposal => ({ proposalType: 'remove', remove: { removed } })),
  ];
  if (change.extensions) {
    const extensions = change.extensions.map((e) => ({ extensionType: e.type, extensionData: e.data }));
    proposals.push({ proposalType: 'group_context_extensions', groupContextExtensions: { extensions } });
  }
  return encodeMlsMessage({
    version: 'mls10',
    wireformat: 'mls_public_message',
    publicMessage: {
      content: {
        groupId: header.groupId,
        epoch: BigInt(header.epoch),
        sender: { senderType: 'member', leafIndex: header.committerLeaf },
        authenticatedData: random(change.padding ?? 0),
        contentType: 'commit',
        commit: {
          proposals: proposals.map((proposal) => ({ proposalOrRefType: 'proposal', proposal })),
          path: undefined,
        },
      },
      auth: { contentType: 'commit', signature: random(64), confirmationTag: random(32) },
      senderType: 'member',
      membershipTag: random(32),
    },
  });
}
