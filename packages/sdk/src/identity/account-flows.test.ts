import { describe, expect, it } from 'vitest';
import { decodeLinkCode, encodeLinkCode } from './account-flows.ts';

describe('link codes', () => {
  const request = { username: 'bob.smith', deviceId: 'AAAAAAAAAAAAAAAAAAAAAA', signatureKey: 'B'.repeat(43) };

  it('round-trips username, device id and key', () => {
    const code = encodeLinkCode(request);
    expect(code.length).toBeLessThan(110);
    expect(decodeLinkCode(` ${code}\n`)).toEqual(request);
  });

  it('refuses anything malformed', () => {
    const code = encodeLinkCode(request);
    for (const bad of [
      '',
      code.replace('PL1', 'PL2'),
      `${code}:extra`,
      code.slice(0, -1),
      code.replace('bob.smith', 'B0b'),
    ]) {
      expect(() => decodeLinkCode(bad)).toThrow(RangeError);
    }
  });
});
