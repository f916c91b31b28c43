import type { JurisdictionCode } from '../../vocabulary/jurisdictions.ts';

/**
 * Claims the log can settle, spelled as on the command line:
 * - `no-production HK since 2020-07-06`: no request from a Hong Kong authority had data produced since then;
 * - `paused HK since 2020-07-06`: Hong Kong's policy has been PAUSED without a break since then.
 */
export type Claim = Readonly<{
  kind: 'no-production' | 'paused';
  jurisdiction: JurisdictionCode;
  since: string;
}>;

export type ClaimVerdict = 'holds' | 'fails' | 'undecided';

export type ClaimResult = Readonly<{
  claim: string;
  verdict: ClaimVerdict;
  /** Plain sentences: what was examined and what was found, naming log entries and when they were logged. */
  evidence: readonly string[];
}>;

/** A verdict and its evidence, before the claim's text is attached. */
export type Finding = Omit<ClaimResult, 'claim'>;
