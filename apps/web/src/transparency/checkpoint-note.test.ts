import { describe, expect, it } from 'vitest';
import { readCheckpoint } from './checkpoint-note.ts';

const base64 = (bytes: readonly number[]) => btoa(String.fromCharCode(...bytes));
/** A cosignature/v1 line's bytes: key hash, big-endian timestamp in seconds, signature. */
const cosignature = (seconds: number) => {
  const time = Array.from({ length: 8 }, (_, i) => Math.floor(seconds / 256 ** (7 - i)) % 256);
  return base64([1, 2, 3, 4, ...time, ...new Array<number>(64).fill(7)]);
};

describe('readCheckpoint', () => {
  it('reads size, root and the witnesses other than the log, with their cosignature times', () => {
    const note = [
      'log.example/requests',
      '19',
      'TEk01J1Nb/cNHF2ko8485nNfLxJSyT/oN4bFo2Y2BZc=',
      '',
      `\u2014 log.example/requests ${base64(new Array<number>(68).fill(1))}`,
      `\u2014 witness.example/w1 ${cosignature(1_609_462_800)}`,
      '',
    ].join('\n');
    expect(readCheckpoint(note)).toEqual({
      origin: 'log.example/requests',
      size: 19,
      rootHash: 'TEk01J1Nb/cNHF2ko8485nNfLxJSyT/oN4bFo2Y2BZc=',
      witnesses: [{ name: 'witness.example/w1', cosignedAt: new Date('2021-01-01T01:00:00Z') }],
    });
  });

  it('shows no time for a signature line that is not a cosignature, and refuses text without signatures', () => {
    const note = `o\n1\nroot\n\n\u2014 other.example/x ${base64([1, 2, 3, 4, 5])}\n`;
    expect(readCheckpoint(note).witnesses).toEqual([{ name: 'other.example/x', cosignedAt: undefined }]);
    expect(() => readCheckpoint('o\n1\nroot\n')).toThrow('not a signed note');
  });
});
