import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors.ts';
import { checkPasswordStrength } from './password-policy.ts';

function refusal(
  password: string,
  context: readonly string[] = [],
): Readonly<{ reason: unknown; message: string }> {
  try {
    checkPasswordStrength(password, context);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'weak_password') throw error;
    const details: unknown = error.details;
    const reason =
      typeof details === 'object' && details !== null && 'reason' in details ? details.reason : null;
    return { reason, message: error.message };
  }
  return { reason: 'accepted', message: '' };
}

describe('the staff and officer password policy', () => {
  it('refuses what an attacker tries first, and says why', () => {
    expect(refusal('            ')).toEqual({
      reason: 'only_spaces',
      message: expect.stringContaining('only spaces'),
    });
    expect(refusal('password1234').message).toMatch(/commonly used password/);
    expect(refusal('qwertyuiop12').reason).not.toBe('accepted');
    expect(refusal('aaaaaaaaaaaaaaaa').message).toMatch(/repeats/);
    expect(refusal('123456789012').reason).not.toBe('accepted');
  });

  it('refuses a password built on the account’s own name or e-mail', () => {
    const r = refusal('agent.smith@fbi.gov', ['agent.smith@fbi.gov', 'Agent Smith']);
    expect(r.reason).toBe('userInputs');
    expect(r.message).toMatch(/own name, e-mail/);
  });

  it('accepts a passphrase of unrelated words and the demo’s random passwords', () => {
    expect(refusal('correct horse battery staple').reason).toBe('accepted');
    expect(refusal('the admin’s long passphrase', ['admin']).reason).toBe('accepted');
    for (let i = 0; i < 20; i++) {
      const demo = `demo-${Buffer.from(crypto.getRandomValues(new Uint8Array(12))).toString('base64url')}`;
      expect(refusal(demo).reason).toBe('accepted');
    }
  });
});
