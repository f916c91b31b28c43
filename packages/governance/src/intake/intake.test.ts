import { describe, expect, it } from 'vitest';
import { euFramework, submissionInput } from '../../test/fixtures.ts';
import { validateSubmission } from './validate-submission.ts';

describe('intake validation', () => {
  it('accepts a complete submission', () => {
    const r = validateSubmission(submissionInput());
    expect(r.ok).toBe(true);
  });

  it('returns every problem at once, each with its own code and field', () => {
    const r = validateSubmission({
      requestType: 'legal_process',
      targets: [{ ipAddress: '203.0.113.7' }, { displayName: 'Alice' }],
      categories: [],
      instrument: { type: 'subpoena', issuer: 'Court', date: '2026-01-01', documentSha256: 'a'.repeat(64) },
      attestation: { officialCapacity: false, statement: 'x' },
    });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.map((p) => `${p.code}@${p.field}`);
    expect(problems).toEqual([
      'target_not_unique@targets.0',
      'target_not_unique@targets.1',
      'missing_date_range@dateRange',
      'missing_categories@categories',
      'instrument_missing_field@instrument.signatory',
      'missing_legal_basis@legalBasis',
      'missing_offence_classification@offenceClassification',
      'missing_attestation@attestation',
    ]);
  });

  it('refuses malformed values with specific codes', () => {
    const r = validateSubmission(
      submissionInput({
        requestType: 'emergency_disclosure',
        dateRange: { from: '2026-05-01', to: '2026-01-01' },
        categories: ['account_basic', 'browsing_history'],
        instrument: {
          type: 'subpoena',
          issuer: 'C',
          date: '2026-01-01',
          signatory: 'S',
          documentSha256: 'XYZ',
        },
        nonDisclosureOrder: { reference: 'forever' },
      }),
    );
    const codes = r.ok ? [] : r.problems.map((p) => p.code);
    expect(codes).toEqual([
      'invalid_date_range',
      'unknown_category',
      'invalid_document_hash',
      'emergency_missing_factual_basis',
      'invalid_non_disclosure_order',
    ]);
    expect(validateSubmission('nope')).toMatchObject({
      ok: false,
      problems: [{ code: 'malformed_submission' }],
    });
  });

  it('accepts but flags categories beyond the tier, not held, or content, and interception', () => {
    const r = validateSubmission(
      submissionInput({
        categories: ['account_basic', 'group_membership', 'ip_addresses', 'message_content'],
      }),
      euFramework,
    );
    const flags = r.ok ? r.flags.map((f) => `${f.code}:${f.category ?? ''}`) : [];
    expect(flags).toEqual([
      'beyond_instrument_tier:group_membership',
      'data_not_held:ip_addresses',
      'content_e2ee:message_content',
    ]);
    const i = validateSubmission(submissionInput({ requestType: 'real_time_interception' }));
    expect(i.ok && i.flags.map((f) => f.code)).toContain('not_technically_possible');
  });
});
