import { describe, expect, it } from 'vitest';
import {
  agencies,
  catchError,
  day,
  HK_PAUSE,
  hkPaused,
  policy,
  receive,
  staff,
} from '../../test/fixtures.ts';
import { newChain, policyChangedEvent } from '../events/request-events.ts';
import { computeReport } from '../report/transparency-report.ts';
import { signOffPolicyChange } from './policy-change.ts';
import { policyAt } from './policy-history.ts';
import { proposeHistoricalPolicy } from './policy-import.ts';
import type { JurisdictionPolicy } from './policy-types.ts';

const { version: _v, proposedBy: _p, signedOffBy: _s, ...hkPause } = hkPaused();
const hkImport = { ...hkPause, provenance: 'Board minutes of 2020-07-05; statement published 2020-07-06.' };
const now = day('2026-04-01');
const fresh = { versions: [], firstRequestAt: null };

function imported(input: Record<string, unknown>, versions: readonly JurisdictionPolicy[] = []) {
  const recorded = { versions, firstRequestAt: null };
  const pending = proposeHistoricalPolicy(input, staff.admin, recorded, now);
  return signOffPolicyChange(pending, staff.rights, recorded, now);
}

describe('importing a jurisdiction’s history', () => {
  it('records Hong Kong as paused since 2020-07-06, signed by two people, marked as recorded now', () => {
    const pending = proposeHistoricalPolicy(hkImport, staff.admin, fresh, now);
    expect(catchError(() => signOffPolicyChange(pending, staff.admin, fresh, now))).toMatchObject({
      code: 'self_sign_off',
    });
    const v = signOffPolicyChange(pending, staff.rights, fresh, now);
    expect(v).toMatchObject({
      jurisdiction: 'HK',
      version: 1,
      effectiveFrom: HK_PAUSE,
      status: 'PAUSED',
      proposedBy: 'pat',
      signedOffBy: 'hana',
      historical: { provenance: hkImport.provenance, recordedAt: now },
    });
    expect(v.assessment?.seniorSignOff.date).toBe('2020-07-05');
    expect(policyAt([v], 'HK', day('2020-07-05'))).toBeUndefined();
    expect(policyAt([v], 'HK', HK_PAUSE)?.status).toBe('PAUSED');
  });

  it('needs the same right, due diligence and shape as any change, plus its provenance', () => {
    expect(catchError(() => proposeHistoricalPolicy(hkImport, staff.rights, fresh, now))).toMatchObject({
      code: 'forbidden_role',
    });
    expect(
      catchError(() => proposeHistoricalPolicy({ ...hkImport, assessment: null }, staff.admin, fresh, now)),
    ).toMatchObject({ code: 'assessment_required' });
    const { provenance: _x, ...unsourced } = hkImport;
    const err = catchError(() => proposeHistoricalPolicy(unsourced, staff.admin, fresh, now));
    expect(err).toMatchObject({ code: 'policy_invalid' });
    expect(String(err)).toContain('provenance');
  });

  it('is for the past only: a version that takes effect now or later is an ordinary change', () => {
    for (const effectiveFrom of [now, now + 1])
      expect(
        catchError(() => proposeHistoricalPolicy({ ...hkImport, effectiveFrom }, staff.admin, fresh, now)),
      ).toMatchObject({ code: 'policy_not_historical' });
  });

  it('only extends a jurisdiction’s record backwards', () => {
    const pause = imported(hkImport);
    const later = { ...hkImport, effectiveFrom: day('2021-01-01'), status: 'ACCEPT', assessment: null };
    const err = catchError(() =>
      proposeHistoricalPolicy(later, staff.admin, { ...fresh, versions: [pause] }, now),
    );
    expect(err).toMatchObject({
      code: 'import_not_earliest',
      details: { earliestRecorded: '2020-07-06T00:00:00.000Z' },
    });
    expect(
      catchError(() =>
        proposeHistoricalPolicy(
          { ...hkImport, effectiveFrom: HK_PAUSE },
          staff.admin,
          { ...fresh, versions: [pause] },
          now,
        ),
      ),
    ).toMatchObject({ code: 'import_not_earliest' });
    // Another jurisdiction's versions do not constrain Hong Kong's.
    expect(imported(hkImport, [policy('US', { effectiveFrom: day('2010-01-01') })]).version).toBe(1);

    const before = imported({ ...later, effectiveFrom: day('2019-01-01') }, [pause]);
    expect(before).toMatchObject({ version: 2, status: 'ACCEPT' });
    const versions = [pause, before];
    expect(policyAt(versions, 'HK', day('2020-01-01'))?.status).toBe('ACCEPT');
    expect(policyAt(versions, 'HK', day('2026-01-01'))?.status).toBe('PAUSED');
  });

  it('never changes the policy a recorded request was gated under', () => {
    const firstRequestAt = day('2025-03-01');
    // No Hong Kong version yet: the import would govern from 2020 on, over that request.
    expect(
      catchError(() => proposeHistoricalPolicy(hkImport, staff.admin, { versions: [], firstRequestAt }, now)),
    ).toMatchObject({
      code: 'import_after_first_request',
      details: { firstRequestAt: '2025-03-01T00:00:00.000Z' },
    });
    // Hong Kong's record already starts before that request: earlier history is still open.
    const recorded = { versions: [policy('HK', { effectiveFrom: day('2024-01-01') })], firstRequestAt };
    expect(proposeHistoricalPolicy(hkImport, staff.admin, recorded, now).provenance).toBe(
      hkImport.provenance,
    );
  });

  it('is placed again at sign-off, against what was recorded in between', () => {
    const pending = proposeHistoricalPolicy(hkImport, staff.admin, fresh, now);
    const meanwhile = {
      versions: [policy('HK', { effectiveFrom: day('2020-01-01') })],
      firstRequestAt: null,
    };
    expect(catchError(() => signOffPolicyChange(pending, staff.rights, meanwhile, now))).toMatchObject({
      code: 'import_not_earliest',
    });
    expect(
      catchError(() =>
        signOffPolicyChange(pending, staff.rights, { versions: [], firstRequestAt: now - 1 }, now),
      ),
    ).toMatchObject({ code: 'import_after_first_request' });
  });

  it('makes the report say PAUSED since 2020-07-06 though the log records it in 2026', () => {
    const { event } = policyChangedEvent(imported(hkImport), newChain('policy:HK'), now);
    expect(event).toMatchObject({ isoWeek: '2026-W14', effectiveFrom: HK_PAUSE });
    const held = receive(agencies.hkPolice, {}, { now: day('2026-04-02'), policies: [imported(hkImport)] });
    expect(held.case.state).toBe('held_by_policy');
    const report = computeReport([event, ...held.events.map((e) => e.public)], '2026-H1');
    expect(report.rows[0]).toMatchObject({
      jurisdiction: 'HK',
      policyStatus: 'PAUSED',
      policySince: '2020-07-06',
      requestsReceived: 1,
      pausedNotProcessed: 1,
    });
  });
});
