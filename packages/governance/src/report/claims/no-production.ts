import type { LogAnalysis, LoggedEvent, PendingSeal } from '../../disclosure/log-analysis.ts';
import type { RequestEventPublic } from '../../events/event-types.ts';
import { dayStart, isoWeek } from '../../time/calendar.ts';
import type { Claim, Finding } from './claim-types.ts';
import {
  barringVersions,
  describePolicy,
  firstLoggedWeek,
  type LoggedPolicy,
  loggedPolicies,
  within,
} from './policy-timeline.ts';

type LoggedRequest = LoggedEvent & { event: RequestEventPublic };

const entries = (seals: readonly PendingSeal[]) => seals.map((s) => s.index).join(', ');

/**
 * `no-production J since D`. Public events are read as they are. A sealed event is set aside when its chain
 * is public elsewhere with another jurisdiction, when it falls before the period, or when its seal states it
 * is no production (a reveal that contradicts its seal is a problem of the log). A sealed production is set
 * aside only when J's policy, as logged before it, barred every production throughout its week: the gate
 * produces nothing then. Any other sealed production leaves the claim undecided until it is revealed.
 */
export function noProduction(claim: Claim, analysis: LogAnalysis): Finding {
  const j = claim.jurisdiction;
  const fromWeek = isoWeek(dayStart(claim.since));
  const requests = analysis.logged.filter(
    (l): l is LoggedRequest => l.event.type === 'request' && within(j, l.event.jurisdiction),
  );
  const chains = new Set(requests.map((l) => l.event.chainId));
  const recent = requests.filter((l) => l.event.isoWeek >= fromWeek);
  const produced = recent.filter((l) => l.event.kind === 'produced');
  const held = new Set(recent.filter((l) => l.event.kind === 'held_by_policy').map((l) => l.event.chainId));
  const received = recent.filter((l) => l.event.kind === 'received').length;
  const knownElsewhere = new Set(
    analysis.logged.flatMap((l) =>
      l.event.type === 'request' && !within(j, l.event.jurisdiction) ? [l.event.chainId] : [],
    ),
  );
  const sealed = analysis.sealed.filter((s) => s.isoWeek >= fromWeek && !knownElsewhere.has(s.chainId));
  const policies = loggedPolicies(analysis, j);
  const barred: { seal: PendingSeal; by: LoggedPolicy[] }[] = [];
  const open: PendingSeal[] = [];
  for (const seal of sealed.filter((s) => s.produced)) {
    const by = barringVersions(policies, j, seal.isoWeek, seal.index);
    if (by === undefined) open.push(seal);
    else barred.push({ seal, by });
  }
  const first = firstLoggedWeek(analysis);
  const evidence = [
    `examined ${requests.length} public events of ${chains.size} requests from ${j} authorities; the log dates request events to the ISO week, so "since ${claim.since}" covers weeks from ${fromWeek}`,
    ...(first !== undefined && first > fromWeek
      ? [
          `the log's first event was logged in week ${first}: for the weeks before, it holds only what was recorded later, not what it witnessed`,
        ]
      : []),
    `since ${fromWeek}: ${received} requests received, ${held.size} held by policy, ${produced.length} with data produced`,
    ...produced.map(
      (l) =>
        `entry ${l.index}: data produced for request ${l.event.chainId} (${l.event.requestType}, week ${l.event.isoWeek})`,
    ),
    ...(sealed.length > 0
      ? [
          `${sealed.length} sealed events in the period could belong to ${j} requests; ${sealed.length - barred.length - open.length} of them state they are no production, and a reveal is checked against what its seal stated`,
        ]
      : []),
    ...barred.map(
      ({ seal, by }) =>
        `entry ${seal.index}: a sealed production in week ${seal.isoWeek} is no ${j} request's: the gate refuses every production under the policy logged before it (${by.map(describePolicy).join('; ')})`,
    ),
    ...(open.length > 0
      ? [
          `${open.length} sealed productions (entries ${entries(open)}) are under non-disclosure orders and could belong to ${j} requests; they are revealed when their orders lapse`,
        ]
      : []),
  ];
  return { verdict: produced.length > 0 ? 'fails' : open.length > 0 ? 'undecided' : 'holds', evidence };
}
