import type { LogAnalysis, LoggedEvent } from '../disclosure/log-analysis.ts';
import type { PolicyEventPublic, RequestEventPublic } from '../events/event-types.ts';
import { dayOf, dayStart, isoWeek } from '../time/calendar.ts';
import { isJurisdictionCode, type JurisdictionCode } from '../vocabulary/jurisdictions.ts';

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
  /** Plain sentences: what was examined and what was found, naming log entries. */
  evidence: readonly string[];
}>;

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

/** Whether an event's jurisdiction is the claimed one or one of its subdivisions. */
const within = (claimed: string, actual: string) => actual === claimed || actual.startsWith(`${claimed}-`);

/** Answers a claim from an analysed log, with evidence. The log resolves request events to the ISO week. */
export function evaluateClaim(claim: Claim, analysis: LogAnalysis): ClaimResult {
  const text = `${claim.kind} ${claim.jurisdiction} since ${claim.since}`;
  return claim.kind === 'paused' ? paused(text, claim, analysis) : noProduction(text, claim, analysis);
}

function noProduction(text: string, claim: Claim, analysis: LogAnalysis): ClaimResult {
  const fromWeek = isoWeek(dayStart(claim.since));
  const requests = analysis.logged.filter(
    (l): l is LoggedEvent & { event: RequestEventPublic } =>
      l.event.type === 'request' && within(claim.jurisdiction, l.event.jurisdiction),
  );
  const chains = new Set(requests.map((l) => l.event.chainId));
  const recent = requests.filter((l) => l.event.isoWeek >= fromWeek);
  const produced = recent.filter((l) => l.event.kind === 'produced');
  const held = new Set(recent.filter((l) => l.event.kind === 'held_by_policy').map((l) => l.event.chainId));
  const received = recent.filter((l) => l.event.kind === 'received').length;
  // A sealed event may be a production: it matters if its chain is this jurisdiction's or not yet public.
  const knownElsewhere = new Set(
    analysis.logged.flatMap((l) =>
      l.event.type === 'request' && !within(claim.jurisdiction, l.event.jurisdiction)
        ? [l.event.chainId]
        : [],
    ),
  );
  const hidden = analysis.sealed.filter((s) => !knownElsewhere.has(s.chainId));
  const evidence = [
    `examined ${requests.length} public events of ${chains.size} requests from ${claim.jurisdiction} authorities; the log dates request events to the ISO week, so "since ${claim.since}" covers weeks from ${fromWeek}`,
    `since ${fromWeek}: ${received} requests received, ${held.size} held by policy, ${produced.length} with data produced`,
    ...produced.map(
      (l) =>
        `entry ${l.index}: data produced for request ${l.event.chainId} (${l.event.requestType}, week ${l.event.isoWeek})`,
    ),
    ...(hidden.length > 0
      ? [
          `${hidden.length} sealed events (entries ${hidden.map((s) => s.index).join(', ')}) are under non-disclosure orders and could belong to ${claim.jurisdiction} requests; they are revealed when their orders lapse`,
        ]
      : []),
  ];
  const verdict: ClaimVerdict = produced.length > 0 ? 'fails' : hidden.length > 0 ? 'undecided' : 'holds';
  return { claim: text, verdict, evidence };
}

function paused(text: string, claim: Claim, analysis: LogAnalysis): ClaimResult {
  const since = dayStart(claim.since);
  const versions = analysis.logged
    .filter(
      (l): l is LoggedEvent & { event: PolicyEventPublic } =>
        l.event.type === 'policy' && l.event.jurisdiction === claim.jurisdiction,
    )
    .sort((a, b) => a.event.effectiveFrom - b.event.effectiveFrom || a.event.version - b.event.version);
  const before = versions.filter((v) => v.event.effectiveFrom <= since).at(-1);
  const after = versions.filter((v) => v.event.effectiveFrom > since);
  const describe = (v: LoggedEvent & { event: PolicyEventPublic }) =>
    `entry ${v.index}: version ${v.event.version}, ${v.event.status} from ${dayOf(v.event.effectiveFrom)}`;
  const breaks = [
    ...(before === undefined || before.event.status !== 'PAUSED' ? [before] : []),
    ...after,
  ].filter((v) => v === undefined || v.event.status !== 'PAUSED');
  const evidence = [
    `examined ${versions.length} policy versions of ${claim.jurisdiction}`,
    before === undefined
      ? `no version of ${claim.jurisdiction}'s policy was in force on ${claim.since}`
      : `in force on ${claim.since}: ${describe(before)}`,
    ...after.map((v) => `later: ${describe(v)}`),
  ];
  return { claim: text, verdict: breaks.length === 0 ? 'holds' : 'fails', evidence };
}
