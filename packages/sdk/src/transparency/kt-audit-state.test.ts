import { describe, expect, it } from 'vitest';
import { parseKtAuditState } from './kt-audit-state.ts';

const keys = {
  origin: 'parley.example/log/kt',
  noteKey: 'parley.example/log/kt+01020304+AQ',
  vrfPublicKey: 'A'.repeat(43),
};
const state = {
  format: 1,
  keys,
  checkpoint: { size: 3, rootHash: 'x' },
  audited: 2,
  lastRecord: 'AAAA',
  labels: { ['ab'.repeat(32)]: 2 },
};

describe('parseKtAuditState', () => {
  it('reads back what the auditor saves', () => {
    expect(parseKtAuditState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });

  it.each([
    ['another format', { ...state, format: 2 }, 'unknown format'],
    ['keys that are not keys', { ...state, keys: { ...keys, vrfPublicKey: 'short' } }, 'keys'],
    ['more epochs audited than the checkpoint holds', { ...state, audited: 4 }, 'audited'],
    ['audited epochs without the last record', { ...state, lastRecord: null }, 'lastRecord'],
    ['a label that is not 32 bytes of hex', { ...state, labels: { abc: 1 } }, 'label abc'],
    ['a version 0', { ...state, labels: { ['ab'.repeat(32)]: 0 } }, 'label'],
    ['a negative size', { ...state, checkpoint: { size: -1, rootHash: 'x' } }, 'checkpoint'],
  ])('refuses %s, so a corrupt or edited file is reported rather than trusted', (_, value, what) => {
    expect(() => parseKtAuditState(value)).toThrow(`key-directory audit state is malformed: ${what}`);
  });
});
