import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { authCheckFor } from './mls-group.js';
import { credentialIdentity, parseCredentialIdentity } from './mls-identity.js';

const deviceId = 'AbCdEfGhIjKlMnOpQrSt-_';

describe('MLS credential identities', () => {
  it('round-trips username:deviceId', () => {
    const bytes = credentialIdentity({ username: 'alice', deviceId });
    expect(parseCredentialIdentity(bytes)).toEqual({ username: 'alice', deviceId });
  });

  it('refuses identities that do not parse, without asking the policy', async () => {
    let asked = 0;
    const auth = authCheckFor({
      isAuthorized: async () => {
        asked++;
        return true;
      },
    });
    for (const bad of [
      'alice',
      `Alice:${deviceId}`,
      `alice:${deviceId}x`,
      `al:${deviceId}`,
      `a:b:${deviceId}`,
    ]) {
      expect(parseCredentialIdentity(utf8ToBytes(bad)), bad).toBeUndefined();
      expect(await auth(utf8ToBytes(bad), new Uint8Array(32)), bad).toBe(false);
    }
    expect(await auth(Uint8Array.of(0xff, 0xfe), new Uint8Array(32))).toBe(false);
    expect(await auth(undefined, new Uint8Array(32))).toBe(false);
    expect(asked).toBe(0);
    expect(await auth(credentialIdentity({ username: 'alice', deviceId }), new Uint8Array(32))).toBe(true);
    expect(asked).toBe(1);
  });

  it('will not build a credential for an invalid device', () => {
    expect(() => credentialIdentity({ username: 'x', deviceId })).toThrow(RangeError);
    expect(() => credentialIdentity({ username: 'alice', deviceId: 'short' })).toThrow(RangeError);
  });
});
