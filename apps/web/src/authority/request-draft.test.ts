import { describe, expect, it } from 'vitest';
import { emptyDraft, slotOf, toSubmission } from './request-draft.ts';

describe('the request draft', () => {
  it('leaves out what the officer has not given, so intake names it (missing_date_range, missing_document)', () => {
    const body = toSubmission(emptyDraft());
    expect(body.dateRange).toBeUndefined();
    expect(body.document).toBeUndefined();
    expect(body.emergency).toBeUndefined();
    expect(body.nonDisclosureOrder).toBeUndefined();
    expect(body.targets).toEqual([]);
    expect(body.attestation).toMatchObject({ officialCapacity: false });
  });

  it('sends trimmed targets of either kind, and the emergency basis only for an emergency', () => {
    const body = toSubmission({
      ...emptyDraft(),
      requestType: 'emergency_disclosure',
      emergencyBasis: ' threat to life ',
      targets: [
        { kind: 'username', value: ' carrie ' },
        { kind: 'accountId', value: '42' },
        { kind: 'username', value: '  ' },
      ],
    });
    expect(body.targets).toEqual([{ username: 'carrie' }, { accountId: '42' }]);
    expect(body.emergency).toEqual({ factualBasis: 'threat to life' });
  });

  it('puts each server problem at the control that can fix it', () => {
    expect(slotOf('instrument.documentSha256')).toBe('document');
    expect(slotOf('document')).toBe('document');
    expect(slotOf('instrument')).toBe('instrument.type');
    expect(slotOf('instrument.signatory')).toBe('instrument.signatory');
    expect(slotOf('targets.1')).toBe('targets.1');
    expect(slotOf('legalBasis')).toBe('legalBasis');
  });
});
