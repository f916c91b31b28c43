import { describe, expect, it } from 'vitest';
import { day, hkAssessment, hkPaused, policy } from '../../test/fixtures.ts';
import type { JurisdictionPolicy } from '../policy/policy-types.ts';
import { evaluateGate, type GateInput } from './jurisdiction-gate.ts';

const now = day('2026-04-02');
const base: GateInput = {
  requestType: 'legal_process',
  issuerJurisdiction: 'US',
  targetJurisdictions: [null],
  offenceClassification: 'fraud',
  categories: ['account_basic', 'devices'],
};
const withStatus = (
  j: string,
  status: JurisdictionPolicy['status'],
  extra: Partial<JurisdictionPolicy> = {},
) =>
  policy(j, {
    status,
    assessment: status === 'ACCEPT' ? null : hkAssessment,
    treatyNotice: 'Send it through the US-HK MLAA.',
    ...extra,
  });

describe('jurisdiction gate', () => {
  it('maps each status to its outcome', () => {
    const cases: [JurisdictionPolicy['status'], string, string | null][] = [
      ['ACCEPT', 'proceed', null],
      ['PAUSED', 'hold', 'jurisdiction_paused'],
      ['REDIRECT_MLAT', 'redirect', 'treaty_route_required'],
      ['SUSPENDED', 'refuse', 'jurisdiction_suspended'],
      ['EXITED', 'refuse', 'jurisdiction_exited'],
    ];
    for (const [status, outcome, reason] of cases) {
      expect(evaluateGate([withStatus('US', status)], base, now)).toMatchObject({
        outcome,
        reasonCode: reason,
      });
    }
    expect(evaluateGate([], base, now)).toMatchObject({ outcome: 'proceed', applied: [] });
  });

  it('narrows under ACCEPT_RESTRICTED and refuses unlisted types', () => {
    const p = withStatus('US', 'ACCEPT_RESTRICTED', {
      restriction: { requestTypes: ['legal_process'], categories: ['account_basic'] },
    });
    expect(evaluateGate([p], base, now)).toMatchObject({
      outcome: 'proceed',
      restricted: true,
      allowedCategories: ['account_basic'],
    });
    expect(evaluateGate([p], { ...base, requestType: 'national_security' }, now)).toMatchObject({
      outcome: 'refuse',
      reasonCode: 'request_type_not_accepted',
    });
  });

  it('applies issuer, target or both scopes, and ignores targets with no declared jurisdiction', () => {
    const about = { ...base, targetJurisdictions: ['HK', null] };
    expect(evaluateGate([hkPaused()], about, now).outcome).toBe('hold');
    expect(evaluateGate([{ ...hkPaused(), scope: 'issuer' }], about, now).outcome).toBe('proceed');
    expect(
      evaluateGate([{ ...hkPaused(), scope: 'target' }], { ...base, issuerJurisdiction: 'HK' }, now).outcome,
    ).toBe('proceed');
    expect(evaluateGate([hkPaused()], { ...base, targetJurisdictions: [null] }, now).outcome).toBe('proceed');
  });

  it('lets the most protective applicable policy win', () => {
    const policies = [withStatus('US', 'REDIRECT_MLAT'), hkPaused(), withStatus('CN', 'SUSPENDED')];
    expect(evaluateGate(policies, { ...base, targetJurisdictions: ['HK'] }, now).outcome).toBe('redirect');
    expect(evaluateGate(policies, { ...base, targetJurisdictions: ['HK', 'CN'] }, now)).toMatchObject({
      outcome: 'refuse',
      decisive: { jurisdiction: 'CN' },
    });
  });

  it('follows the emergency rule and the preservation flag', () => {
    const emergency = { ...base, issuerJurisdiction: 'HK', requestType: 'emergency_disclosure' as const };
    expect(evaluateGate([hkPaused('deny')], emergency, now)).toMatchObject({
      outcome: 'refuse',
      reasonCode: 'emergency_not_accepted',
    });
    expect(evaluateGate([hkPaused('allow')], emergency, now)).toMatchObject({
      outcome: 'proceed',
      emergencyRule: 'allow',
      humanRightsReview: false,
    });
    expect(evaluateGate([hkPaused('case_by_case')], emergency, now)).toMatchObject({
      outcome: 'proceed',
      humanRightsReview: true,
    });
    const preservation = { ...base, issuerJurisdiction: 'HK', requestType: 'preservation' as const };
    expect(evaluateGate([hkPaused()], preservation, now)).toMatchObject({
      outcome: 'refuse',
      reasonCode: 'preservation_not_allowed',
    });
    expect(evaluateGate([{ ...hkPaused(), preservationAllowed: true }], preservation, now).outcome).toBe(
      'proceed',
    );
  });

  it('flags denylisted offences for human-rights review', () => {
    const accepting = { ...hkPaused(), status: 'ACCEPT' as const };
    const g = evaluateGate(
      [accepting],
      { ...base, issuerJurisdiction: 'HK', offenceClassification: 'Incitement to Secession (NSL art. 21)' },
      now,
    );
    expect(g).toMatchObject({ outcome: 'proceed', humanRightsReview: true, matchedOffences: ['secession'] });
    expect(evaluateGate([accepting], { ...base, issuerJurisdiction: 'HK' }, now).humanRightsReview).toBe(
      false,
    );
  });
});
