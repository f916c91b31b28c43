import type { LogAnalysis, LoggedEvent } from '../../disclosure/log-analysis.ts';
import type { PolicyEventPublic } from '../../events/event-types.ts';
import { inForceAt } from '../../policy/policy-history.ts';
import { DAY, dayOf, isoWeek, isoWeekStart } from '../../time/calendar.ts';
import { countryOf, type JurisdictionCode } from '../../vocabulary/jurisdictions.ts';

export type LoggedPolicy = LoggedEvent & Readonly<{ event: PolicyEventPublic }>;

/** Whether an event's jurisdiction is the claimed one or one of its subdivisions. */
export const within = (claimed: string, actual: string) =>
  actual === claimed || actual.startsWith(`${claimed}-`);

/** Every logged policy version that can govern `jurisdiction` or its subdivisions (a country's, for a subdivision). */
export function loggedPolicies(analysis: LogAnalysis, jurisdiction: JurisdictionCode): LoggedPolicy[] {
  return analysis.logged.filter(
    (l): l is LoggedPolicy =>
      l.event.type === 'policy' &&
      (within(jurisdiction, l.event.jurisdiction) || l.event.jurisdiction === countryOf(jurisdiction)),
  );
}

/** The week the log first recorded anything: what it says about earlier weeks was recorded after them. */
export function firstLoggedWeek(analysis: LogAnalysis): string | undefined {
  const weeks = [...analysis.logged.map((l) => l.event.isoWeek), ...analysis.sealed.map((s) => s.isoWeek)];
  return weeks.sort()[0];
}

/** A policy version as evidence: where it stands in the log, what it says, and when it was logged. */
export function describePolicy(v: LoggedPolicy): string {
  const e = v.event;
  const late = e.isoWeek > isoWeek(e.effectiveFrom);
  return `entry ${v.index}: ${e.jurisdiction} version ${v.event.version}, ${e.status} from ${dayOf(e.effectiveFrom)} (emergencies: ${e.emergencyRule}), logged in week ${e.isoWeek}${late ? ', after the fact: the log vouches for it only from then' : ''}`;
}

/**
 * Whether the gate refuses every production for requests issued under this version: EXITED refuses all,
 * and PAUSED, REDIRECT_MLAT and SUSPENDED let only emergency disclosures through unless emergencies are
 * denied. A target-only policy does not govern issuers.
 */
export function barsProduction(p: PolicyEventPublic): boolean {
  if (p.scope === 'target') return false;
  if (p.status === 'EXITED') return true;
  return p.status !== 'ACCEPT' && p.status !== 'ACCEPT_RESTRICTED' && p.emergencyRule === 'deny';
}

const inForce = (versions: readonly LoggedPolicy[], time: number) =>
  inForceAt(versions, time, (v) => v.event);

/**
 * The policy versions that barred every production from `jurisdiction` (and each of its subdivisions with a
 * policy of its own) throughout `week`, as the server knew them when it logged entry `index`; undefined
 * when at some moment of that week some version that could govern such a request did not bar production.
 * The gate checks the policy in force when it produces (`produce` in the lifecycle), so a production logged
 * at `index` in `week` cannot be such a request's when this returns versions.
 */
export function barringVersions(
  policies: readonly LoggedPolicy[],
  jurisdiction: JurisdictionCode,
  week: string,
  index: number,
): LoggedPolicy[] | undefined {
  const known = policies.filter((p) => p.index < index);
  const start = isoWeekStart(week);
  const end = start + 7 * DAY;
  const codes = new Set([
    jurisdiction,
    ...known.map((p) => p.event.jurisdiction).filter((j) => within(jurisdiction, j)),
  ]);
  const found = new Set<LoggedPolicy>();
  for (const code of codes) {
    const own = known.filter((p) => p.event.jurisdiction === code);
    const country = code.length > 2 ? known.filter((p) => p.event.jurisdiction === countryOf(code)) : [];
    const atStart = inForce(own, start) ?? inForce(country, start);
    if (atStart === undefined) return undefined;
    const changes = [...own, ...country].filter(
      (p) => p.event.effectiveFrom > start && p.event.effectiveFrom < end,
    );
    for (const v of [atStart, ...changes]) {
      if (!barsProduction(v.event)) return undefined;
      found.add(v);
    }
  }
  return [...found].sort((a, b) => a.index - b.index);
}
