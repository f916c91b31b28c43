import { caseStates } from '@parley/sdk';
import { describe, expect, it } from 'vitest';
import { queueOrder, queueRank } from './case-states.ts';

describe('review queues', () => {
  it('place every case state of the domain exactly once', () => {
    expect([...queueOrder].sort()).toEqual([...caseStates].sort());
    expect(new Set(queueOrder).size).toBe(queueOrder.length);
  });

  it('put work waiting on staff before what is held, and an unknown state last', () => {
    expect(queueRank('received')).toBeLessThan(queueRank('held_by_policy'));
    expect(queueRank('no_such_state')).toBe(queueOrder.length);
  });
});
