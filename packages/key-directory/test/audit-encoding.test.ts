import { describe, expect, it } from 'vitest';
import { decodeEpochAudit, encodeEpochAudit, verifyEpochAudit } from '../src/index.ts';
import { refusal, smallDirectory } from './world.ts';

const directory = smallDirectory();

describe('epoch audit encoding', () => {
  it.each([0, 1, 2])('round-trips epoch %i, which still verifies', (epoch) => {
    const audit = directory.audit(epoch);
    const bytes = encodeEpochAudit(audit);
    const decoded = decodeEpochAudit(bytes);
    expect(decoded).toEqual(audit);
    expect(encodeEpochAudit(decoded)).toEqual(bytes);
    expect(() => verifyEpochAudit(decoded)).not.toThrow();
  });

  it('has the documented layout and size', () => {
    const audit = directory.audit(2);
    const steps = audit.previousTree.map((s) => (s.kind === 'hash' ? 33 : s.kind === 'leaf' ? 65 : 1));
    const size = 1 + 112 + 112 + 4 + 72 * audit.events.length + steps.reduce((a, b) => a + b, 0);
    expect(encodeEpochAudit(audit).length).toBe(size);
    expect(encodeEpochAudit(directory.audit(0)).length).toBe(1 + 112 + 4 + 72 * 2 + 1);
  });

  it('refuses trailing and missing bytes, unknown steps, bad flags and impossible counts', () => {
    const bytes = encodeEpochAudit(directory.audit(2));
    expect(refusal(() => decodeEpochAudit(new Uint8Array([...bytes, 0])))).toBe('malformed');
    expect(refusal(() => decodeEpochAudit(bytes.subarray(0, bytes.length - 1)))).toBe('malformed');
    expect(refusal(() => decodeEpochAudit(new Uint8Array(0)))).toBe('malformed');
    const badFlag = bytes.slice();
    badFlag[0] = 2;
    expect(refusal(() => decodeEpochAudit(badFlag))).toBe('malformed');
    const badStep = bytes.slice();
    const firstStep = 1 + 112 + 112 + 4 + 72 * directory.audit(2).events.length;
    expect(badStep[firstStep]).toBe(3);
    badStep[firstStep] = 4;
    expect(refusal(() => decodeEpochAudit(badStep))).toBe('malformed');
    const hugeCount = bytes.slice();
    hugeCount.set([0xff, 0xff, 0xff, 0xff], 1 + 112 + 112);
    expect(refusal(() => decodeEpochAudit(hugeCount))).toBe('malformed');
  });

  it('refuses a number past 2^53 - 1 in a record', () => {
    const bytes = encodeEpochAudit(directory.audit(1));
    bytes.fill(0xff, 1 + 112, 1 + 112 + 8);
    expect(refusal(() => decodeEpochAudit(bytes))).toBe('malformed');
  });
});
