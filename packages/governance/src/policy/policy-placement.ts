import { PolicyError } from '../errors.ts';
import type { PolicyProposal } from './policy-schema.ts';
import type { JurisdictionPolicy } from './policy-types.ts';

/** What the deployment has already recorded, against which a historical version is placed. */
export type RecordedHistory = Readonly<{
  /** Every recorded version of every jurisdiction. */
  versions: readonly JurisdictionPolicy[];
  /** When the deployment received its first government request (epoch ms), or null if it has none yet. */
  firstRequestAt: number | null;
}>;

/**
 * Where a historical version may go. It must lie in the past (otherwise it is an ordinary change), and it may
 * only extend a jurisdiction's record backwards: it takes effect before every version already recorded for
 * that jurisdiction, and the period it governs (up to that first recorded version, or for ever when there is
 * none) ends before the deployment's first request. So no request was ever gated under a policy other than
 * the one the record now shows, and no decision taken here becomes unexplainable.
 */
export function checkHistoricalPlacement(
  proposal: Pick<PolicyProposal, 'jurisdiction' | 'effectiveFrom'>,
  recorded: RecordedHistory,
  now: number,
): void {
  if (proposal.effectiveFrom >= now) {
    throw new PolicyError(
      'policy_not_historical',
      'A historical version must take effect in the past; propose an ordinary change instead.',
    );
  }
  const own = recorded.versions.filter((v) => v.jurisdiction === proposal.jurisdiction);
  const earliest = own.reduce<number | null>(
    (m, v) => (m === null || v.effectiveFrom < m ? v.effectiveFrom : m),
    null,
  );
  if (earliest !== null && proposal.effectiveFrom >= earliest) {
    throw new PolicyError(
      'import_not_earliest',
      `A historical version of ${proposal.jurisdiction} must take effect before its earliest recorded version (${new Date(earliest).toISOString()}); later history is recorded by ordinary changes.`,
      { earliestRecorded: new Date(earliest).toISOString() },
    );
  }
  const governsUntil = earliest ?? Number.POSITIVE_INFINITY;
  if (recorded.firstRequestAt !== null && governsUntil > recorded.firstRequestAt) {
    throw new PolicyError(
      'import_after_first_request',
      `This version would change the policy in force after ${new Date(recorded.firstRequestAt).toISOString()}, when this deployment received its first request; requests already gated keep the record they were gated under.`,
      { firstRequestAt: new Date(recorded.firstRequestAt).toISOString() },
    );
  }
}
