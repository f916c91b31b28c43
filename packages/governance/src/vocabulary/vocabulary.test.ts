import { describe, expect, it } from 'vitest';
import { categoryById, dataCatalogue, isProducible, tierWithin } from './data-catalogue.ts';
import { instrumentDefaults } from './instruments.ts';
import { countries, isJurisdictionCode, jurisdictionName } from './jurisdictions.ts';
import { hasPermission, permissionMatrix, permissions, staffRoles } from './staff-roles.ts';

describe('vocabulary', () => {
  it('lists every ISO 3166-1 country, Hong Kong apart from China, and accepts subdivisions', () => {
    expect(countries.size).toBe(249);
    expect(jurisdictionName('HK')).toBe('Hong Kong');
    expect(jurisdictionName('CN')).toBe('China');
    expect(jurisdictionName('US-CA')).toBe('United States (CA)');
    expect(isJurisdictionCode('US-CA')).toBe(true);
    expect(isJurisdictionCode('XX')).toBe(false);
    expect(isJurisdictionCode('hk')).toBe(false);
  });

  it('orders tiers and never makes content producible', () => {
    expect(tierWithin('basic_subscriber', 'non_content_records')).toBe(true);
    expect(tierWithin('content', 'non_content_records')).toBe(false);
    const producible = dataCatalogue.filter(isProducible).map((c) => c.id);
    expect(producible).toEqual(['account_basic', 'devices', 'group_membership']);
    expect(categoryById('message_content')).toMatchObject({ holding: 'e2ee' });
    expect(instrumentDefaults.subpoena).toBe('basic_subscriber');
    expect(instrumentDefaults.records_court_order).toBe('non_content_records');
  });

  it('gives each role only what it needs', () => {
    expect(permissionMatrix.auditor).toEqual(['read_cases', 'read_audit']);
    expect(hasPermission(['intake'], 'propose_decision')).toBe(false);
    expect(hasPermission(['intake'], 'produce')).toBe(false);
    expect(hasPermission(['policy_admin'], 'produce')).toBe(false);
    expect(hasPermission(['legal_reviewer'], 'propose_policy')).toBe(false);
    for (const role of staffRoles)
      expect(permissionMatrix[role].length).toBeLessThanOrEqual(permissions.length / 2);
    // Nobody both sets policy and handles data.
    expect(
      staffRoles.filter((r) => hasPermission([r], 'propose_policy') && hasPermission([r], 'produce')),
    ).toEqual([]);
    // Every right belongs to someone, so no action is unreachable.
    for (const p of permissions) expect(staffRoles.some((r) => hasPermission([r], p))).toBe(true);
  });
});
