/**
 * The delivery service reads only the clear framing of handshakes. Checked here against messages ts-mls
 * really produces (through @parley/crypto), and against bytes no client would send.
 */
import {
  addMembers,
  createGroup,
  createKeyPackage,
  encryptMessage,
  generateSigningKeyPair,
} from '@parley/crypto';
import { privateMessageFraming, readMlsFraming } from '@parley/protocol';
import { describe, expect, it } from 'vitest';

const allow = { isAuthorized: async () => true };

function device(username: string) {
  const keys = generateSigningKeyPair();
  const deviceId = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64url');
  return { username, deviceId, signaturePublicKey: keys.publicKey, signaturePrivateKey: keys.privateKey };
}

describe('MLS framing as the delivery service reads it', () => {
  it('reads group, epoch and content type of real commits and messages, and knows a Welcome', async () => {
    const groupId = crypto.getRandomValues(new Uint8Array(16));
    const alice = device('alice');
    const group = await createGroup(alice, groupId, allow);
    const bob = await createKeyPackage(device('bob'));
    const added = await addMembers(group, [bob.keyPackage], allow);
    expect(readMlsFraming(added.commit)).toEqual({
      wireFormat: 'public_message',
      groupId,
      epoch: 0n,
      contentType: 'commit',
    });
    expect(readMlsFraming(added.welcome)).toEqual({ wireFormat: 'welcome' });
    expect(readMlsFraming(bob.keyPackage)).toEqual({ wireFormat: 'key_package' });
    const sent = await encryptMessage(added.next, new TextEncoder().encode('hello'));
    expect(readMlsFraming(sent.message)).toMatchObject({ epoch: 1n, contentType: 'application' });
  });

  it('refuses random bytes, truncation and trailing bytes', async () => {
    for (let i = 0; i < 200; i++) {
      const random = crypto.getRandomValues(new Uint8Array(1 + (i % 64)));
      random[0] = 0;
      random[1] = 1;
      const framing = readMlsFraming(random);
      if (framing) expect(['welcome', 'group_info', 'key_package']).toContain(framing.wireFormat);
    }
    const commit = privateMessageFraming(
      { groupId: new Uint8Array(16), epoch: 3, contentType: 'commit' },
      { senderData: new Uint8Array(20), ciphertext: new Uint8Array(300) },
    );
    expect(readMlsFraming(commit)).toMatchObject({ epoch: 3n, contentType: 'commit' });
    expect(readMlsFraming(commit.subarray(0, commit.length - 1))).toBeUndefined();
    expect(readMlsFraming(Uint8Array.of(...commit, 0))).toBeUndefined();
    expect(readMlsFraming(new Uint8Array(0))).toBeUndefined();
  });
});
