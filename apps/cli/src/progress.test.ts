import { describe, expect, it } from 'vitest';
import { terminalProgress } from './progress.ts';

const screen = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (text: string) => written.push(text) > 0 } };
};

describe('the progress line of long work', () => {
  it('draws a bar with counts on a terminal, and clears it when done', () => {
    const { written, stream } = screen(true);
    const progress = terminalProgress('verifying entries', true, stream);
    progress.update(250_000, 1_000_000);
    progress.update(1_000_000, 1_000_000);
    progress.done();
    expect(written[0]).toBe('\rverifying entries [######..................] 250,000 / 1,000,000 (25%)');
    expect(written.at(-2)).toContain('1,000,000 / 1,000,000 (100%)');
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('writes nothing into a pipe or a log file, or with --json', () => {
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const { written, stream } = screen(isTTY);
      const progress = terminalProgress('verifying entries', enabled, stream);
      progress.update(1, 2);
      progress.done();
      expect(written).toEqual([]);
    }
  });
});
