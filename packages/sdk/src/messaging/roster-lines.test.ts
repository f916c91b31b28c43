import { describe, expect, it } from 'vitest';
import { describeRosterChange } from './roster-lines.ts';

const d = (username: string, deviceId = `${username}-1`) => ({ username, deviceId });

describe('roster lines', () => {
  it('names who added whom, and a further device of a member as a new device', () => {
    expect(
      describeRosterChange(d('alice'), { added: [d('bob'), d('bob', 'b2')], removed: [] }, [d('alice')]),
    ).toBe('alice added bob');
    expect(
      describeRosterChange(d('bob'), { added: [d('bob', 'b3')], removed: [] }, [d('alice'), d('bob')]),
    ).toBe('a new device of bob joined');
  });

  it('says removed, left, or a device removed', () => {
    const before = [d('alice'), d('bob'), d('bob', 'b2'), d('carol')];
    expect(describeRosterChange(d('alice'), { added: [], removed: [d('carol')] }, before)).toBe(
      'alice removed carol',
    );
    expect(describeRosterChange(d('bob'), { added: [], removed: [d('bob', 'b2')] }, before)).toBe(
      'bob removed a device of bob',
    );
    expect(describeRosterChange(d('carol'), { added: [], removed: [d('carol')] }, before)).toBe('carol left');
    expect(describeRosterChange(d('alice'), { added: [d('dave')], removed: [d('carol')] }, before)).toBe(
      'alice added dave; alice removed carol',
    );
  });
});
