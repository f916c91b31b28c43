import { describe, expect, it } from 'vitest';
import {
  agencies,
  catchError,
  day,
  hkAssessment,
  hkPaused,
  policy,
  staff,
  worldPolicies,
} from '../../test/fixtures.ts';
import { proposePolicyChange, signOffPolicyChange } from './policy-change.ts';
import { governingPolicy, instrumentCeiling, policyAt } from './policy-history.ts';
import type { JurisdictionPolicy } from './policy-types.ts';

const { version: _v, proposedBy: _p, signedOffBy: _s, ...hkProposal } = hkPaused();
const now = day('2020-07-01');
const recorded = (versions: readonly JurisdictionPolicy[]) => ({ versions, firstRequestAt: null });

describe('jurisdiction policy', () => {
  it('picks the version in force at a time, and a subdivision falls back to its country', () => {
    const versions = worldPolicies();
    expect(policyAt(versions, 'HK', day('2020-07-05'))?.version).toBe(1);
    expect(policyAt(versions, 'HK', day('2020-07-06'))?.version).toBe(2);
    expect(governingPolicy(versions, 'US-CA', now)?.jurisdiction).toBe('US');
    expect(
      governingPolicy([...versions, policy('US-CA', { status: 'SUSPENDED' })], 'US-CA', now)?.status,
    ).toBe('SUSPENDED');
    expect(policyAt(versions, 'FR', now)).toBeUndefined();
    expect(agencies.hkPolice.jurisdiction).toBe('HK');
  });

  it('needs a policy admin, a complete assessment for non-ACCEPT, and a different person to sign off', () => {
    const pending = proposePolicyChange(hkProposal, staff.admin, now);
    const v = signOffPolicyChange(pending, staff.rights, recorded(worldPolicies().slice(0, 1)), now);
    expect(v).toMatchObject({
      jurisdiction: 'HK',
      version: 2,
      status: 'PAUSED',
      proposedBy: 'pat',
      signedOffBy: 'hana',
    });
    expect(catchError(() => signOffPolicyChange(pending, staff.admin, recorded([]), now))).toMatchObject({
      code: 'self_sign_off',
    });
    expect(catchError(() => signOffPolicyChange(pending, staff.reviewerA, recorded([]), now))).toMatchObject({
      code: 'forbidden_role',
    });
    expect(catchError(() => proposePolicyChange(hkProposal, staff.rights, now))).toMatchObject({
      code: 'forbidden_role',
    });
    expect(
      catchError(() => proposePolicyChange({ ...hkProposal, assessment: null }, staff.admin, now)),
    ).toMatchObject({ code: 'assessment_required' });
    const { expertsConsulted: _e, ...incomplete } = hkAssessment;
    const err = catchError(() =>
      proposePolicyChange({ ...hkProposal, assessment: incomplete }, staff.admin, now),
    );
    expect(err).toMatchObject({ code: 'policy_invalid' });
    expect(String(err)).toContain('assessment.expertsConsulted');
    expect(
      catchError(() => proposePolicyChange({ ...hkProposal, effectiveFrom: now - 1 }, staff.admin, now)),
    ).toMatchObject({ code: 'policy_retroactive' });
    expect(
      catchError(() => proposePolicyChange({ ...hkProposal, status: 'REDIRECT_MLAT' }, staff.admin, now)),
    ).toMatchObject({ code: 'treaty_notice_required' });
  });

  it('lets a framework lower an instrument ceiling but never raise it', () => {
    const fw = {
      instruments: [{ type: 'subpoena' as const, localName: 's', maxTier: 'content' as const }],
      deadlines: [],
      nonDisclosure: null,
      channels: [],
    };
    expect(instrumentCeiling(fw, 'subpoena')).toBe('basic_subscriber');
    expect(
      instrumentCeiling(
        { ...fw, instruments: [{ type: 'search_warrant', localName: 'w', maxTier: 'non_content_records' }] },
        'search_warrant',
      ),
    ).toBe('non_content_records');
    expect(instrumentCeiling(fw, 'preservation_letter')).toBeNull();
  });
});
