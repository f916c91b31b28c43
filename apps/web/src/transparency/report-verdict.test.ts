import { describe, expect, it } from 'vitest';
import { reportVerdict } from './report-verdict.ts';
import type { AuditSummary } from './verify-messages.ts';

const json = 'a'.repeat(64);
const summary: AuditSummary = {
  origin: 'log.example/requests',
  size: 30,
  rootHash: 'root',
  state: { logKey: 'key', size: 30, rootHash: 'root', checkpoint: 'note' },
  reports: [{ index: 18, period: '2020-H2', checkpointSize: 18, rows: 3, jsonSha256: json, csvSha256: json }],
  claims: [],
  policies: [],
  requestEvents: 14,
  pendingSeals: 0,
};
const failed = (message: string) => ({ phase: 'failed', problem: 'report', message }) as const;

describe('reportVerdict', () => {
  it('says verified only when the document shown is the one the verified leaf binds', () => {
    const verified = { phase: 'verified', summary, previousSize: undefined } as const;
    expect(reportVerdict(verified, 18, json).state).toBe('verified');
    expect(reportVerdict(verified, 18, 'b'.repeat(64))).toMatchObject({ state: 'failed' });
    expect(reportVerdict(verified, 25, json).state).toBe('unchecked');
  });

  it('blames the report a failure names; earlier reports passed, later ones were not reached', () => {
    const verdict = failed(
      'report 2021-H1 at entry 25: the JSON document does not match the SHA-256 in its leaf',
    );
    expect(reportVerdict(verdict, 25, json)).toEqual({
      state: 'failed',
      text: 'FAILED: report 2021-H1 at entry 25: the JSON document does not match the SHA-256 in its leaf',
    });
    expect(reportVerdict(verdict, 18, json).state).toBe('verified');
    expect(reportVerdict(verdict, 40, json).state).toBe('unchecked');
    expect(reportVerdict({ phase: 'failed', problem: 'fork', message: 'fork: …' }, 18, json).state).toBe(
      'unchecked',
    );
  });
});
