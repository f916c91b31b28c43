import { usernamePattern } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { checkTopic } from '../../src/fanout/fanout-guards.ts';
import { topics } from '../../src/fanout/index.ts';

describe('fan-out topic names', () => {
  it('are valid and distinct for every kind of legal username, dots included', () => {
    const usernames = ['bob', 'bob.smith', 'bob_smith', 'bob-smith', 'bob.', 'bob..x', 'a.b.c', 'zed0'];
    for (const username of usernames) {
      expect(usernamePattern.test(username)).toBe(true);
      expect(() => checkTopic(topics.account(username))).not.toThrow();
    }
    expect(new Set(usernames.map(topics.account)).size).toBe(usernames.length);
  });

  it('are valid for 16-byte base64url group and device ids', () => {
    expect(() => checkTopic(topics.group('AAAAAAAAAAAAAAAAAA-_zz'))).not.toThrow();
    expect(() => checkTopic(topics.device('zz_-AAAAAAAAAAAAAAAAAA'))).not.toThrow();
  });
});
