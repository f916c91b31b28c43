import { describe, expect, it } from 'vitest';
import { CreateAgencyBody, SubmitRequestBody } from './governance-schemas.ts';
import { codeWord, multiLineText, singleLineText } from './text.ts';

describe('free text on the wire', () => {
  it('keeps names to one line without control characters', () => {
    const line = singleLineText(100);
    expect(line.safeParse('Metropolitan Police — 東京').success).toBe(true);
    for (const bad of ['a\u0000b', 'a\nb', 'a\tb', 'a\u001bb', 'a\u007fb', 'a\ud800b'])
      expect(line.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('lets prose keep newlines and tabs but nothing else below U+0020', () => {
    const prose = multiLineText(100);
    expect(prose.safeParse('first\r\n\tsecond 😀').success).toBe(true);
    for (const bad of ['a\u0000', 'a\u0008', 'a\u000b', 'a\u001f', '\udc00'])
      expect(prose.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('takes codes as lower-case words only', () => {
    expect(codeWord(40).safeParse('held_by_policy').success).toBe(true);
    for (const bad of ['', 'Triage', 'a b', '\u0000', 'x'.repeat(41)])
      expect(codeWord(40).safeParse(bad).success).toBe(false);
  });

  it('is enforced in the schemas that carry it, naming the field', () => {
    const agency = CreateAgencyBody.safeParse({
      name: 'A\u0000',
      kind: 'police',
      jurisdiction: 'FR',
      emailDomains: ['police.fr'],
      callbackNumber: '+33 1 23 45 67',
      callbackSource: 'directory',
    });
    expect(agency.error?.issues.map((i) => i.path.join('.'))).toEqual(['name']);
    const submission = SubmitRequestBody.safeParse({ targets: [{ username: 'al\u0000' }], ok: 'fine\n' });
    expect(submission.error?.issues.map((i) => i.path.join('.'))).toEqual(['targets.0.username']);
  });
});
