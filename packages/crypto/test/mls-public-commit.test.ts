import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  addMembers,
  adminsExtension,
  CONVERSATION_ADMINS_EXTENSION,
  contextExtension,
  createGroup,
  decodeAdmins,
  encryptMessage,
  epoch,
  joinFromWelcome,
  MlsProtocolError,
  members,
  readPublicCommit,
  rejoinGroup,
  removeMembers,
  selfUpdate,
  setContextExtension,
  UnauthorizedMemberError,
  unsignedPublicCommit,
} from '../src/index.js';
import { allow, device, expectApplication, expectCommit, invite } from './support.js';

const names = (ms: { username: string }[]) => ms.map((m) => m.username).sort();
const admins = (bytes: Uint8Array | undefined) => (bytes ? decodeAdmins(bytes) : undefined);

describe('commits the delivery service can read (PublicMessage, real ts-mls)', async () => {
  const alice = device('alice', 1);
  const bob = device('bob', 2);
  const carol = device('carol', 3);
  const policy = allow(alice, bob, carol);
  const id = utf8ToBytes('public-commits');

  let a = await createGroup(alice, id, policy, [adminsExtension(['alice'])]);
  const bobKp = await invite(bob);
  const carolKp = await invite(carol);
  const add = await addMembers(a, [bobKp.keyPackage, carolKp.keyPackage], policy);
  a = add.next;
  let b = await joinFromWelcome(bob, add.welcome, bobKp.privatePackage, bobKp.keyPackage, policy);
  let c = await joinFromWelcome(carol, add.welcome, carolKp.privatePackage, carolKp.keyPackage, policy);

  it('states the committer and the added devices in leaf order (an add-only commit has no path)', () => {
    const read = readPublicCommit(add.commit);
    expect(read.epoch).toBe(0n);
    expect(read.committer).toEqual({ kind: 'member', leafIndex: 0 });
    expect(read.adds.map((d) => d.username)).toEqual(['bob', 'carol']);
    expect(read.adds[0]?.signatureKey).toEqual(bob.signaturePublicKey);
    expect(read.pathLeaf).toBeUndefined();
    expect(read.removes).toEqual([]);
    expect(members(b).map((m) => [m.username, m.leafIndex])).toEqual([
      ['alice', 0],
      ['bob', 1],
      ['carol', 2],
    ]);
  });

  it('carries the admins set at creation to every member, and a change of them to all', async () => {
    expect(admins(contextExtension(c, CONVERSATION_ADMINS_EXTENSION))).toEqual(['alice']);
    const named = await setContextExtension(a, adminsExtension(['alice', 'bob']));
    expect(readPublicCommit(named.commit).contextExtensions).toEqual([
      { type: CONVERSATION_ADMINS_EXTENSION, data: utf8ToBytes('alice,bob') },
    ]);
    a = named.next;
    b = (await expectCommit(b, named.commit, policy)).next;
    c = (await expectCommit(c, named.commit, policy)).next;
    expect(admins(contextExtension(c, CONVERSATION_ADMINS_EXTENSION))).toEqual(['alice', 'bob']);
  });

  it('states removals by leaf, and members apply them', async () => {
    const removal = await removeMembers(b, [{ username: 'carol', deviceId: carol.deviceId }]);
    expect(readPublicCommit(removal.commit).removes).toEqual([2]);
    expect(readPublicCommit(removal.commit).committer).toEqual({ kind: 'member', leafIndex: 1 });
    expect(readPublicCommit(removal.commit).pathLeaf?.deviceId).toBe(bob.deviceId);
    b = removal.next;
    const atAlice = await expectCommit(a, removal.commit, policy);
    expect(atAlice.committer.username).toBe('bob');
    expect(names(atAlice.removed)).toEqual(['carol']);
    a = atAlice.next;
    expect((await expectCommit(c, removal.commit, policy)).removedSelf).toBe(true);
  });

  it('lets a member that missed a commit rejoin from the latest GroupInfo, and both sides talk again', async () => {
    const missed = await selfUpdate(a);
    a = missed.next;
    // bob never processes `missed`: it stays one epoch behind and rejoins from the new GroupInfo instead.
    const rejoined = await rejoinGroup(bob, missed.groupInfo, policy);
    const read = readPublicCommit(rejoined.commit);
    expect(read.committer).toEqual({ kind: 'external' });
    expect(read.removes).toEqual([1]);
    expect(read.pathLeaf?.username).toBe('bob');
    const atAlice = await expectCommit(a, rejoined.commit, policy);
    expect(atAlice.committer.username).toBe('bob');
    expect(atAlice.added).toEqual([]);
    expect(atAlice.removed).toEqual([]);
    a = atAlice.next;
    b = rejoined.next;
    expect(epoch(a)).toBe(epoch(b));
    const hello = await encryptMessage(b, utf8ToBytes('back'));
    b = hello.next;
    const received = await expectApplication(a, hello.message, policy);
    a = received.next;
    expect(new TextDecoder().decode(received.plaintext)).toBe('back');
  });

  it('refuses a rejoin by a device that is not in the group, and a GroupInfo with a refused member', async () => {
    const update = await selfUpdate(a);
    a = update.next;
    await expect(rejoinGroup(carol, update.groupInfo, policy)).rejects.toThrow(MlsProtocolError);
    await expect(rejoinGroup(bob, update.groupInfo, allow(bob))).rejects.toThrow(UnauthorizedMemberError);
  });

  it('refuses to read anything but a Parley commit in the clear', async () => {
    const secret = await encryptMessage(b, utf8ToBytes('private'));
    b = secret.next;
    expect(() => readPublicCommit(secret.message)).toThrow('a commit must be a PublicMessage');
    expect(() => readPublicCommit(crypto.getRandomValues(new Uint8Array(300)))).toThrow(MlsProtocolError);
    expect(() => readPublicCommit(new Uint8Array([...add.commit, 0]))).toThrow('malformed MLS message');
  });

  it('builds unsigned commits the reader reads, for tools that drive the delivery service', () => {
    const bytes = unsignedPublicCommit(
      { groupId: id, epoch: 7, committerLeaf: 3 },
      {
        adds: [{ username: 'dave', deviceId: bob.deviceId, signatureKey: bob.signaturePublicKey }],
        removes: [4],
      },
    );
    const read = readPublicCommit(bytes);
    expect(read).toMatchObject({ epoch: 7n, committer: { kind: 'member', leafIndex: 3 }, removes: [4] });
    expect(read.adds.map((d) => d.username)).toEqual(['dave']);
  });

  it('writes and reads the admins list in one canonical form only', () => {
    expect(decodeAdmins(adminsExtension(['bob', 'alice', 'bob']).data)).toEqual(['alice', 'bob']);
    expect(decodeAdmins(utf8ToBytes('bob,alice'))).toBeUndefined();
    expect(decodeAdmins(utf8ToBytes('alice,alice'))).toBeUndefined();
    expect(decodeAdmins(utf8ToBytes('Alice'))).toBeUndefined();
    expect(decodeAdmins(new Uint8Array([0xff]))).toBeUndefined();
    expect(() => adminsExtension([])).toThrow(RangeError);
  });
});
