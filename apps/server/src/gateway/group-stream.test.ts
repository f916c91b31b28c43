import { describe, expect, it } from 'vitest';
import type { Frame } from './envelope.ts';
import { type Backlog, GroupStream } from './group-stream.ts';

const backlog = (from: number, to: number): Backlog => ({
  messages: Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, frame: `m${from + i}` })),
  lastSeq: to,
  more: false,
});

describe('group stream catch-up', () => {
  it('pauses a backlog while the connection holds too much unsent data, then sends the rest in order', async () => {
    const sent: Frame[] = [];
    let full = false;
    let drained: () => void = () => {};
    const writable = () =>
      full
        ? new Promise<void>((resolve) => {
            drained = () => {
              full = false;
              resolve();
            };
          })
        : undefined;
    const stream = new GroupStream(
      { after: 0, until: null },
      (frame) => {
        sent.push(frame);
        if (sent.length === 2) full = true;
      },
      async () => backlog(1, 5),
      writable,
    );
    const catchUp = stream.catchUp();
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).toEqual(['m1', 'm2']);
    stream.offer(6, 'm6');
    expect(sent).toEqual(['m1', 'm2']);
    drained();
    await catchUp;
    expect(sent).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
  });
});
