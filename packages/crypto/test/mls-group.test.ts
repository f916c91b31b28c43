import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  addMembers,
  createGroup,
  decodeGroup,
  encodeGroup,
  encryptMessage,
  epoch,
  groupId,
  joinFromWelcome,
  MlsProtocolError,
  members,
  processMessage,
  removeMembers,
  selfUpdate,
  UnauthorizedMemberError,
  welcomeKeyPackageRefs,
} from '../src/index.js';
import { allow, device, expectApplication, expectCommit, invite } from './support.js';

const text = (s: string) => utf8ToBytes(s);
const names = (ms: { username: string }[]) => ms.map((m) => m.username).sort();

describe('MLS groups through the Parley wrapper (real ts-mls)', async () => {
  const alice = device('alice', 1);
  const bob = device('bob', 2);
  const carol = device('carol', 3);
  const policy = allow(alice, bob, carol);

  // Setup shared by the scenarios below: alice creates, adds bob and carol in one commit.
  let a = await createGroup(alice, utf8ToBytes('group-1'), policy);
  const bobKp = await invite(bob);
  const carolKp = await invite(carol);
  const add = await addMembers(a, [bobKp.keyPackage, carolKp.keyPackage], policy);
  a = add.next;
  let b = await joinFromWelcome(bob, add.welcome, bobKp.privatePackage, bobKp.keyPackage, policy);
  let c = await joinFromWelcome(carol, add.welcome, carolKp.privatePackage, carolKp.keyPackage, policy);

  it('adds two devices, who join at the same epoch with the same roster', () => {
    expect(names(add.added)).toEqual(['bob', 'carol']);
    expect(welcomeKeyPackageRefs(add.welcome).sort()).toEqual([bobKp.ref, carolKp.ref].sort());
    expect([epoch(a), epoch(b), epoch(c)]).toEqual([1, 1, 1]);
    expect(add.commit.length).toBeGreaterThan(0);
    expect(names(members(b))).toEqual(['alice', 'bob', 'carol']);
    expect(bytesToHex(groupId(c))).toBe(bytesToHex(utf8ToBytes('group-1')));
  });

  it('delivers messages both ways and names the sending device', async () => {
    const fromAlice = await encryptMessage(a, text('hi from alice'));
    a = fromAlice.next;
    const atBob = await expectApplication(b, fromAlice.message, policy);
    b = atBob.next;
    expect(atBob.sender).toEqual({ username: 'alice', deviceId: alice.deviceId });
    expect(atBob.plaintext).toEqual(text('hi from alice'));

    const fromBob = await encryptMessage(b, text('hi from bob'));
    b = fromBob.next;
    const atAlice = await expectApplication(a, fromBob.message, policy);
    const atCarol = await expectApplication(c, fromBob.message, policy);
    a = atAlice.next;
    c = atCarol.next;
    for (const got of [atAlice, atCarol]) {
      expect(got.sender).toEqual({ username: 'bob', deviceId: bob.deviceId });
      expect(got.plaintext).toEqual(text('hi from bob'));
    }
  });

  it('refuses to reuse a Group that an operation already spent', async () => {
    const sent = await encryptMessage(a, text('once'));
    await expect(encryptMessage(a, text('twice'))).rejects.toThrow(/already used/);
    a = sent.next;
    b = (await expectApplication(b, sent.message, policy)).next;
    c = (await expectApplication(c, sent.message, policy)).next;
  });

  it('lets a committer abandon a commit the delivery service rejected and apply the winner', async () => {
    const mine = await selfUpdate(a);
    const theirs = await selfUpdate(b);
    // The delivery service accepted bob's commit for this epoch; alice processes it from her old Group.
    const atAlice = await expectCommit(a, theirs.commit, policy);
    const atCarol = await expectCommit(c, theirs.commit, policy);
    expect(epoch(mine.next)).toBe(epoch(atAlice.next));
    a = atAlice.next;
    b = theirs.next;
    c = atCarol.next;
    const check = await encryptMessage(a, text('in sync'));
    a = check.next;
    b = (await expectApplication(b, check.message, policy)).next;
    c = (await expectApplication(c, check.message, policy)).next;
  });

  it('survives encode/decode of the group state', async () => {
    const restored = decodeGroup(encodeGroup(b));
    expect(members(restored)).toEqual(members(b));
    const sent = await encryptMessage(a, text('after restore'));
    a = sent.next;
    const got = await expectApplication(restored, sent.message, policy);
    expect(got.plaintext).toEqual(text('after restore'));
    const reply = await encryptMessage(got.next, text('reply'));
    b = reply.next;
    const back = await expectApplication(a, reply.message, policy);
    expect(back.sender.username).toBe('bob');
    a = back.next;
    c = (await expectApplication(c, sent.message, policy)).next;
    c = (await expectApplication(c, reply.message, policy)).next;
  });

  it('removes a device: it learns so, cannot read later messages, and its stale messages are dropped', async () => {
    // carol writes at epoch 1, but the message is delayed until after her removal.
    const carolLate = await encryptMessage(c, text('sent before removal'));
    // alice also writes at epoch 1; a late message from a still-present member must still be delivered.
    const aliceLate = await encryptMessage(a, text('alice late'));
    a = aliceLate.next;

    const removal = await removeMembers(a, [{ username: 'carol', deviceId: carol.deviceId }]);
    expect(names(removal.removed)).toEqual(['carol']);
    a = removal.next;
    const atBob = await expectCommit(b, removal.commit, policy);
    b = atBob.next;
    expect(atBob).toMatchObject({ epoch: epoch(a), added: [], removedSelf: false });
    expect(names(atBob.removed)).toEqual(['carol']);
    const atCarol = await expectCommit(carolLate.next, removal.commit, policy);
    expect(atCarol.removedSelf).toBe(true);

    const secret = await encryptMessage(a, text('carol must not read this'));
    a = secret.next;
    await expect(processMessage(atCarol.next, secret.message, policy)).rejects.toThrow(MlsProtocolError);
    b = (await expectApplication(b, secret.message, policy)).next;

    expect(await processMessage(b, carolLate.message, policy)).toEqual({
      kind: 'dropped',
      reason: 'sender-no-longer-member',
    });
    const late = await expectApplication(b, aliceLate.message, policy);
    expect(late.plaintext).toEqual(text('alice late'));
    b = late.next;
  });

  it('refuses to process a commit for an old epoch', async () => {
    await expect(processMessage(b, add.commit, policy)).rejects.toThrow(MlsProtocolError);
    const update = await selfUpdate(a);
    const atBob = await expectCommit(b, update.commit, policy);
    expect(atBob.epoch).toBe(epoch(update.next));
    await expect(processMessage(atBob.next, update.commit, policy)).rejects.toThrow(MlsProtocolError);
    a = update.next;
    b = atBob.next;
  });

  it('refuses a device the policy does not authorize, when adding it', async () => {
    const mallory = device('mallory', 9);
    const kp = await invite(mallory);
    await expect(addMembers(a, [kp.keyPackage], policy)).rejects.toThrow(UnauthorizedMemberError);
  });

  it('refuses a Welcome, and a commit, that bring in a device the policy does not authorize', async () => {
    const dave = device('dave', 4);
    const mallory = device('mallory', 9);
    const lenient = allow(alice, bob, dave, mallory);
    const daveKp = await invite(dave);
    const malloryKp = await invite(mallory);
    const added = await addMembers(a, [daveKp.keyPackage, malloryKp.keyPackage], lenient);

    const strict = allow(alice, bob, dave);
    await expect(
      joinFromWelcome(dave, added.welcome, daveKp.privatePackage, daveKp.keyPackage, strict),
    ).rejects.toThrow(UnauthorizedMemberError);
    await expect(processMessage(b, added.commit, strict)).rejects.toThrow(UnauthorizedMemberError);
    // The same Welcome is accepted under a policy that does know mallory, so the refusal came from the policy.
    const joined = await joinFromWelcome(
      dave,
      added.welcome,
      daveKp.privatePackage,
      daveKp.keyPackage,
      lenient,
    );
    expect(names(members(joined))).toEqual(['alice', 'bob', 'dave', 'mallory']);
  });

  it('refuses an existing member whose key the policy no longer accepts when joining', async () => {
    const erin = device('erin', 5);
    const erinKp = await invite(erin);
    const added = await addMembers(a, [erinKp.keyPackage], allow(alice, bob, erin));
    // bob's device was revoked from his signed device list: erin must not join a group that still contains it.
    await expect(
      joinFromWelcome(erin, added.welcome, erinKp.privatePackage, erinKp.keyPackage, allow(alice, erin)),
    ).rejects.toThrow(UnauthorizedMemberError);
  });

  it('rejects garbage as an MLS protocol error', async () => {
    await expect(processMessage(a, new Uint8Array([0, 1, 2, 3]), policy)).rejects.toThrow(MlsProtocolError);
  });
});
