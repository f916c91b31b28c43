import type { LogAnalysis } from '../../disclosure/log-analysis.ts';
import { dayOf, dayStart } from '../../time/calendar.ts';
import { isJurisdictionCode } from '../../vocabulary/jurisdictions.ts';
import type { Claim, ClaimResult } from './claim-types.ts';
import { noProduction } from './no-production.ts';
import { paused } from './paused.ts';

export type { Claim, ClaimResult, ClaimVerdict } from './claim-types.ts';

export class ClaimSyntaxError extends Error {
  override readonly name = 'ClaimSyntaxError';
}

export function parseClaim(text: string): Claim {
  const m =
    /^\s*(no-production|paused)\s+([A-Za-z]{2}(?:-[A-Za-z0-9]{1,3})?)\s+since\s+(\d{4}-\d{2}-\d{2})\s*$/.exec(
      text,
    );
  const [, kind, code, since] = m ?? [];
  if ((kind !== 'no-production' && kind !== 'paused') || code === undefined || since === undefined)
    throw new ClaimSyntaxError(
      `cannot read the claim "${text}": write "no-production <jurisdiction> since <YYYY-MM-DD>" or "paused <jurisdiction> since <YYYY-MM-DD>"`,
    );
  const jurisdiction = code.toUpperCase();
  if (!isJurisdictionCode(jurisdiction))
    throw new ClaimSyntaxError(`unknown jurisdiction "${code}" in the claim`);
  if (Number.isNaN(dayStart(since)) || dayOf(dayStart(since)) !== since)
    throw new ClaimSyntaxError(`"${since}" in the claim is not a date`);
  return { kind, jurisdiction, since };
}

/** Answers a claim from an analysed log, with evidence. The log resolves request events to the ISO week. */
export function evaluateClaim(claim: Claim, analysis: LogAnalysis): ClaimResult {
  const text = `${claim.kind} ${claim.jurisdiction} since ${claim.since}`;
  const { verdict, evidence } =
    claim.kind === 'paused' ? paused(claim, analysis) : noProduction(claim, analysis);
  return { claim: text, verdict, evidence };
}
