import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { authChallengeMessage, generateSigningKeyPair, signWithLabel, verifyWithLabel } from './signing.js';

describe('labelled Ed25519 signatures', () => {
  const keys = generateSigningKeyPair();
  const message = utf8ToBytes('device list v7');

  it('verifies a signature under the label it was made for', () => {
    const sig = signWithLabel('device-list', keys.privateKey, message);
    expect(verifyWithLabel('device-list', keys.publicKey, message, sig)).toBe(true);
  });

  it('refuses a signature presented under the other label', () => {
    const sig = signWithLabel('device-list', keys.privateKey, message);
    expect(verifyWithLabel('auth', keys.publicKey, message, sig)).toBe(false);
  });

  it('refuses another key, another message and a flipped bit', () => {
    const sig = signWithLabel('auth', keys.privateKey, message);
    expect(verifyWithLabel('auth', generateSigningKeyPair().publicKey, message, sig)).toBe(false);
    expect(verifyWithLabel('auth', keys.publicKey, utf8ToBytes('other'), sig)).toBe(false);
    const flipped = sig.slice();
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(verifyWithLabel('auth', keys.publicKey, message, flipped)).toBe(false);
  });

  it('returns false instead of throwing on garbage', () => {
    const sig = signWithLabel('auth', keys.privateKey, message);
    expect(verifyWithLabel('auth', new Uint8Array(3), message, sig)).toBe(false);
    expect(verifyWithLabel('auth', new Uint8Array(32).fill(0xff), message, sig)).toBe(false);
    expect(verifyWithLabel('auth', keys.publicKey, message, new Uint8Array(64).fill(0xff))).toBe(false);
    expect(verifyWithLabel('auth', keys.publicKey, message, new Uint8Array(0))).toBe(false);
    // Untyped callers (JSON bodies) may pass anything; the label must not be trusted either.
    const untyped: (...args: unknown[]) => boolean = Function.prototype.call.bind(verifyWithLabel, undefined);
    expect(untyped('nope', keys.publicKey, message, sig)).toBe(false);
    expect(untyped('auth', 'key', null, sig)).toBe(false);
  });

  it('builds the login message as challenge \\n username \\n deviceId', () => {
    const bytes = authChallengeMessage(Uint8Array.of(1, 2), 'alice', 'dev');
    expect(Array.from(bytes)).toEqual([1, 2, 10, 97, 108, 105, 99, 101, 10, 100, 101, 118]);
  });
});
