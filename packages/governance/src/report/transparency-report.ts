import type {
  DomainEventPublic,
  PolicyEventPublic,
  RequestEventKind,
  RequestEventPublic,
} from '../events/event-types.ts';
import { bucketBounds } from '../events/request-events.ts';
import type { PolicyStatus } from '../policy/policy-types.ts';
import { DAY, dayOf, halfYearBounds } from '../time/calendar.ts';
import { categoryById } from '../vocabulary/data-catalogue.ts';
import { jurisdictionName } from '../vocabulary/jurisdictions.ts';
import type { RequestType } from '../vocabulary/requests.ts';
import { barredFromReporting, type ReportRow, type TransparencyReport } from './report-types.ts';

/** The Thursday of an ISO week, which decides the week's half-year: a week belongs to exactly one period. */
export function weekThursday(isoWeek: string): number {
  const m = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  if (!m) throw new RangeError(`not an ISO week: ${isoWeek}`);
  const year = Number(m[1]);
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  return mondayOfWeek1 + (Number(m[2]) - 1) * 7 * DAY + 3 * DAY;
}

function tally(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, n]) => `${k}:${n}`)
    .join(';');
}

function top(values: readonly string[], n: number): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, n)
    .map(([k, c]) => `${k}:${c}`)
    .join(';');
}

/** Percent with one decimal, computed in integers so every platform prints the same bytes. */
function percent(part: number, whole: number): string {
  if (whole === 0) return '0.0';
  const tenths = Math.round((part * 1000) / whole);
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** Status in force at `end` from the policy events, and since when that status has held without a break. */
type PolicyAtEnd = Readonly<{ status: PolicyStatus | 'NONE'; since: string; statement: string }>;

function policyAtEnd(events: readonly PolicyEventPublic[], jurisdiction: string, end: number): PolicyAtEnd {
  const versions = events
    .filter((e) => e.jurisdiction === jurisdiction && e.effectiveFrom < end)
    .sort((a, b) => a.effectiveFrom - b.effectiveFrom || a.version - b.version);
  const current = versions.at(-1);
  if (current === undefined) return { status: 'NONE', since: '', statement: '' };
  let since = current.effectiveFrom;
  for (let i = versions.length - 2; i >= 0 && versions[i]?.status === current.status; i--)
    since = versions[i]?.effectiveFrom ?? since;
  return { status: current.status, since: dayOf(since), statement: current.statement };
}

/** How one request ended, as far as the given events tell. */
function summarize(chain: readonly RequestEventPublic[]) {
  const kinds = chain.map((e) => e.kind);
  const last = (k: RequestEventKind) => kinds.lastIndexOf(k);
  const produced = chain.filter((e) => e.kind === 'produced');
  const categories = produced.flatMap((e) => e.categories);
  const rejectedEvent = chain.findLast((e) => e.kind === 'rejected');
  return {
    produced: produced.length > 0,
    content: categories.some((c) => categoryById(c)?.tier === 'content'),
    categories,
    noData: last('no_data') >= 0,
    rejected: rejectedEvent !== undefined,
    rejectedReasons: rejectedEvent?.reasonCodes ?? [],
    narrowed: last('narrowed') >= 0,
    redirected: last('redirected') >= 0,
    paused: last('held_by_policy') > last('released_from_hold') && last('withdrawn') < 0,
    withdrawn: last('withdrawn') >= 0,
    preserved: last('preserved') >= 0,
    noticeGiven: last('notice_sent') >= 0,
    noticeDeferred: last('notice_deferred') >= 0 && last('notice_sent') < 0,
    noticeNotGiven: last('notice_not_given') >= 0,
  };
}

/**
 * Computes the report for one half-year (`2020-H2`) from public log events only, so anyone holding the log
 * can recompute it. A request belongs to the period of its `received` event; its outcome is taken from all
 * events given (the log up to the report's checkpoint).
 */
export function computeReport(events: readonly DomainEventPublic[], period: string): TransparencyReport {
  const [start, end] = halfYearBounds(period);
  const policyEvents = events.filter((e): e is PolicyEventPublic => e.type === 'policy');
  const chains = new Map<string, RequestEventPublic[]>();
  for (const e of events) {
    if (e.type !== 'request') continue;
    const list = chains.get(e.chainId) ?? [];
    list.push(e);
    chains.set(e.chainId, list);
  }
  const groups = new Map<
    string,
    { jurisdiction: string; requestType: RequestType; chains: RequestEventPublic[][] }
  >();
  for (const chain of chains.values()) {
    chain.sort((a, b) => a.seq - b.seq);
    const first = chain[0];
    if (first?.kind !== 'received') continue;
    const t = weekThursday(first.isoWeek);
    if (t < start || t >= end) continue;
    const key = `${first.jurisdiction}\u0000${first.requestType}`;
    const g = groups.get(key) ?? {
      jurisdiction: first.jurisdiction,
      requestType: first.requestType,
      chains: [],
    };
    g.chains.push(chain);
    groups.set(key, g);
  }
  const rows = [...groups.values()]
    .sort((a, b) =>
      a.jurisdiction < b.jurisdiction
        ? -1
        : a.jurisdiction > b.jurisdiction
          ? 1
          : a.requestType < b.requestType
            ? -1
            : 1,
    )
    .map((g) =>
      row(
        g.jurisdiction,
        g.requestType,
        g.chains,
        policyAtEnd(policyEvents, g.jurisdiction, end),
        start,
        end,
      ),
    );
  return { period, rows, barredFromReporting };
}

function row(
  jurisdiction: string,
  requestType: RequestType,
  chains: readonly RequestEventPublic[][],
  policy: PolicyAtEnd,
  start: number,
  end: number,
): ReportRow {
  const firsts = chains.flatMap((c) => (c[0] ? [c[0]] : []));
  const s = chains.map(summarize);
  const count = (f: (x: (typeof s)[number]) => boolean) => s.filter(f).length;
  const bounds = firsts.map((e) => bucketBounds(e.accountBucket));
  const maxOpen = bounds.some(([, hi]) => hi === null);
  const produced = count((x) => x.produced);
  return {
    periodStart: dayOf(start),
    periodEnd: dayOf(end - DAY),
    jurisdiction,
    jurisdictionName: jurisdictionName(jurisdiction),
    policyStatus: policy.status,
    policySince: policy.since,
    policyStatement: policy.statement,
    requestClass: requestType,
    instrumentTypes: tally(firsts.map((e) => e.legalBasis)),
    channels: tally(firsts.map((e) => e.channel)),
    requestsReceived: chains.length,
    accountsSpecifiedMin: bounds.reduce((n, [lo]) => n + lo, 0),
    accountsSpecifiedMax: maxOpen ? 'open' : String(bounds.reduce((n, [, hi]) => n + (hi ?? 0), 0)),
    requestsWithDataProduced: produced,
    percentWithDataProduced: percent(produced, chains.length),
    contentDisclosed: count((x) => x.content),
    nonContentDisclosed: count((x) => x.produced && !x.content),
    noDataOrNotHeld: count((x) => x.noData),
    rejected: count((x) => x.rejected),
    topRejectionReasons: top(
      s.flatMap((x) => x.rejectedReasons),
      3,
    ),
    narrowed: count((x) => x.narrowed),
    redirected: count((x) => x.redirected),
    pausedNotProcessed: count((x) => x.paused),
    withdrawn: count((x) => x.withdrawn),
    accountsPreservedMin: s.reduce((n, x, i) => n + (x.preserved ? (bounds[i]?.[0] ?? 0) : 0), 0),
    noticesGiven: count((x) => x.noticeGiven),
    noticesDeferredByOrder: count((x) => x.noticeDeferred),
    noticesNotGiven: count((x) => x.noticeNotGiven),
    categoriesDisclosed: [...new Set(s.flatMap((x) => x.categories))].sort().join(';'),
    footnotes:
      'Account counts are sums of published buckets (min and max). Outcomes as of the checkpoint the report names.',
  };
}
