import { describe, expect, it } from 'vitest';
import { byJurisdiction, type PolicyVersion } from './policy-model.ts';

function version(
  jurisdiction: string,
  v: number,
  effectiveFrom: string,
  status: PolicyVersion['status'],
): PolicyVersion {
  return {
    jurisdiction,
    version: v,
    effectiveFrom,
    status,
    scope: 'both',
    emergencyRule: 'allow',
    statement: `${jurisdiction} ${status}`,
    assessment: null,
    preservationAllowed: null,
    restriction: null,
    offenceDenylist: [],
    framework: { instruments: [], deadlines: [], nonDisclosure: null, channels: ['direct'] },
    treatyNotice: null,
    proposedBy: 'a',
    signedOffBy: 'b',
    historical: null,
  };
}

describe('byJurisdiction', () => {
  const now = Date.parse('2026-05-01T00:00:00Z');

  it('takes the latest version in force and lists later ones as scheduled', () => {
    const [hk] = byJurisdiction(
      [
        version('HK', 3, '2026-06-01T00:00:00Z', 'ACCEPT'),
        version('HK', 1, '2020-07-01T10:00:00Z', 'ACCEPT'),
        version('HK', 2, '2020-07-06T00:00:00Z', 'PAUSED'),
      ],
      now,
    );
    expect(hk?.current.version).toBe(2);
    expect(hk?.scheduled.map((v) => v.version)).toEqual([3]);
    expect(hk?.versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it('orders by effective date, not version number, for history recorded later', () => {
    const [hk] = byJurisdiction(
      [
        version('HK', 1, '2026-01-01T00:00:00Z', 'ACCEPT'),
        version('HK', 2, '2020-07-06T00:00:00Z', 'PAUSED'),
      ],
      now,
    );
    expect(hk?.current.version).toBe(1);
    expect(hk?.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('shows a jurisdiction whose only version is still to come under that version', () => {
    const list = byJurisdiction(
      [
        version('US', 1, '2027-01-01T00:00:00Z', 'ACCEPT'),
        version('BR', 1, '2020-01-01T00:00:00Z', 'REDIRECT_MLAT'),
      ],
      now,
    );
    expect(list.map((j) => [j.jurisdiction, j.current.status, j.scheduled.length])).toEqual([
      ['BR', 'REDIRECT_MLAT', 0],
      ['US', 'ACCEPT', 1],
    ]);
  });
});
