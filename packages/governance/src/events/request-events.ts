import type { RequestCase } from '../lifecycle/case-types.ts';
import type { JurisdictionPolicy } from '../policy/policy-types.ts';
import { isoWeek } from '../time/calendar.ts';
import { publicEventHash } from './canonical.ts';
import {
  type AccountBucket,
  accountBuckets,
  type ChainHead,
  type PolicyEventPublic,
  type RequestEvent,
  type RequestEventKind,
  type RequestEventPublic,
} from './event-types.ts';

/** The published bucket for a number of accounts. */
export function accountBucket(count: number): AccountBucket {
  const exact = accountBuckets.find((b) => b === String(count));
  if (count <= 1) return '1';
  if (exact !== undefined) return exact;
  if (count <= 10) return '6-10';
  if (count <= 50) return '11-50';
  if (count <= 100) return '51-100';
  return '101+';
}

/** The bounds [min, max] a bucket stands for; max is null for the open bucket. */
export function bucketBounds(bucket: AccountBucket): readonly [number, number | null] {
  if (bucket.endsWith('+')) return [Number.parseInt(bucket, 10), null];
  const [lo, hi] = bucket.split('-');
  return [Number(lo), Number(hi ?? lo)];
}

export type EventDetail = Readonly<{
  decision?: string | null;
  reasonCodes?: RequestEventPublic['reasonCodes'];
  categories?: RequestEventPublic['categories'];
  policyStatus?: RequestEventPublic['policyStatus'];
}>;

/** A new chain: the server draws `chainId` from a CSPRNG so it links nothing outside the log. */
export function newChain(chainId: string): ChainHead {
  return { chainId, seq: 0, prev: '' };
}

/** Builds the next event of a case's chain and returns it with the advanced chain head. */
export function nextRequestEvent(
  c: RequestCase,
  chain: ChainHead,
  kind: RequestEventKind,
  at: number,
  detail: EventDetail = {},
): Readonly<{ event: RequestEvent; chain: ChainHead }> {
  const pub: RequestEventPublic = {
    v: 1,
    type: 'request',
    kind,
    chainId: chain.chainId,
    seq: chain.seq,
    prev: chain.prev,
    isoWeek: isoWeek(at),
    jurisdiction: c.agency.jurisdiction,
    authorityKind: c.agency.kind,
    requestType: c.submission.requestType,
    legalBasis: c.submission.instrument.type,
    channel: c.channel,
    decision: detail.decision ?? null,
    reasonCodes: detail.reasonCodes ?? [],
    accountBucket: accountBucket(c.submission.targets.length),
    categories: detail.categories ?? [],
    policyStatus: detail.policyStatus ?? null,
  };
  const event: RequestEvent = {
    public: pub,
    private: {
      agencyId: c.agency.id,
      caseReference: c.reference,
      targets: c.submission.targets.map((t) => t.accountId ?? t.username ?? ''),
      documentSha256: c.submission.instrument.documentSha256,
      at,
    },
  };
  return { event, chain: { chainId: chain.chainId, seq: chain.seq + 1, prev: publicEventHash(pub) } };
}

/** The public event for a new policy version; policies chain per jurisdiction (`policy:HK`). */
export function policyChangedEvent(
  policy: JurisdictionPolicy,
  chain: ChainHead,
  at: number,
): Readonly<{ event: PolicyEventPublic; chain: ChainHead }> {
  const event: PolicyEventPublic = {
    v: 1,
    type: 'policy',
    kind: 'policy_changed',
    chainId: chain.chainId,
    seq: chain.seq,
    prev: chain.prev,
    isoWeek: isoWeek(at),
    jurisdiction: policy.jurisdiction,
    version: policy.version,
    effectiveFrom: policy.effectiveFrom,
    status: policy.status,
    scope: policy.scope,
    emergencyRule: policy.emergencyRule,
    statement: policy.statement,
  };
  return { event, chain: { chainId: chain.chainId, seq: chain.seq + 1, prev: publicEventHash(event) } };
}
