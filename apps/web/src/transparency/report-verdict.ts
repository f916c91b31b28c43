import type { Verdict } from './verifier.ts';

export type ReportVerdict = Readonly<{
  state: 'verified' | 'failed' | 'unchecked' | 'running';
  text: string;
}>;

/** What the current verdict says about one published report (auditLog checks reports in log order). */
export function reportVerdict(verdict: Verdict, index: number, shownSha256: string): ReportVerdict {
  switch (verdict.phase) {
    case 'idle':
      return { state: 'unchecked', text: 'Not verified yet' };
    case 'running':
      return { state: 'running', text: 'Verifying…' };
    case 'verified': {
      const verified = verdict.summary.reports.find((r) => r.index === index);
      if (verified === undefined)
        return { state: 'unchecked', text: 'Published after the checkpoint verified; verify again' };
      // The page fetched the document it shows separately from the verifier: both must be the same bytes.
      return verified.jsonSha256 === shownSha256
        ? { state: 'verified', text: 'Verified: recomputed from the log and found exact' }
        : {
            state: 'failed',
            text: `FAILED: the JSON shown here has SHA-256 ${shownSha256}, not ${verified.jsonSha256} as the log binds`,
          };
    }
    case 'failed': {
      const failed =
        verdict.problem === 'report' ? Number(/ at entry (\d+)/.exec(verdict.message)?.[1]) : NaN;
      if (failed === index) return { state: 'failed', text: `FAILED: ${verdict.message}` };
      if (failed > index)
        return { state: 'verified', text: 'Verified: recomputed from the log and found exact' };
      return { state: 'unchecked', text: 'Not verified: the log check failed' };
    }
  }
}
