import { describe, expect, it } from 'vitest';
import {
  type Action,
  type Actor,
  apply,
  type CaseState,
  categoryById,
  type DataCategoryId,
  dataCatalogue,
  defaultFramework,
  evaluateGate,
  GovernanceError,
  governingPolicy,
  instrumentCeiling,
  isProducible,
  type JurisdictionPolicy,
  type RequestCase,
  tierWithin,
} from '../src/index.ts';
import { agencies, day, hkPaused, officerOf, policy, receive, staff, worldPolicies } from './fixtures.ts';

/** mulberry32: a tiny seeded PRNG so every failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const allCategories: readonly DataCategoryId[] = dataCatalogue.map((c) => c.id);
const policySets: readonly JurisdictionPolicy[][] = [
  worldPolicies('allow'),
  worldPolicies('case_by_case'),
  [...worldPolicies(), policy('HK', { version: 3, effectiveFrom: day('2021-01-01') })],
  [
    ...worldPolicies(),
    policy('US', {
      version: 2,
      effectiveFrom: day('2026-05-01'),
      status: 'PAUSED',
      assessment: hkPaused().assessment,
    }),
  ],
  [
    ...worldPolicies(),
    policy('DE', {
      version: 2,
      effectiveFrom: day('2026-01-01'),
      status: 'ACCEPT_RESTRICTED',
      restriction: { requestTypes: ['legal_process'], categories: ['account_basic'] },
    }),
  ],
];
const actors: readonly Actor[] = [
  ...Object.values(staff),
  officerOf(agencies.usFbi),
  officerOf(agencies.hkPolice),
  officerOf(agencies.dePolice),
  { kind: 'system' },
];
const requestTypes = [
  'legal_process',
  'legal_process',
  'emergency_disclosure',
  'preservation',
  'national_security',
  'account_restriction',
] as const;
const instruments = [
  'subpoena',
  'records_court_order',
  'search_warrant',
  'emergency_request',
  'preservation_letter',
] as const;

describe('lifecycle property', () => {
  it('never produces without two distinct approvals and a passed gate, nor anything not held or content', () => {
    const rnd = prng(20200706);
    const pick = <T>(xs: readonly T[]): T => {
      const x = xs[Math.floor(rnd() * xs.length)];
      if (x === undefined) throw new Error('empty choice');
      return x;
    };
    const subset = <T>(xs: readonly T[]): T[] => xs.filter(() => rnd() < 0.4);
    let productions = 0;
    let transitions = 0;
    const sequences = 5000;
    for (let s = 0; s < sequences; s++) {
      const agency = pick(Object.values(agencies));
      const requestType = pick(requestTypes);
      const instrumentType = pick(instruments);
      let now = day('2026-04-02');
      let c: RequestCase = receive(
        agency,
        {
          requestType,
          categories: subset(allCategories).concat(pick(allCategories)),
          instrument: {
            type: instrumentType,
            issuer: 'x',
            date: '2026-04-01',
            signatory: 'y',
            documentSha256: 'e'.repeat(64),
          },
          emergency: requestType === 'emergency_disclosure' ? { factualBasis: 'danger' } : null,
          offenceClassification: pick(['fraud', 'subversion', 'homicide']),
        },
        { now, targetJurisdictions: [pick(['HK', 'US', 'DE', null])], policies: pick(policySets) },
      ).case;
      for (let i = 0; i < 40; i++) {
        now += Math.floor(rnd() * 4 * 86_400_000);
        const policies = pick(policySets);
        // Mostly the step a real case would take next, by someone who might take it; sometimes anything at all.
        const options = randomActions(pick, subset, c, policies);
        const natural = naturalNext[c.state];
        const biased = natural !== undefined && rnd() < 0.9;
        const action = biased ? pick(options.filter((o) => natural.actions.includes(o.type))) : pick(options);
        const actor = biased ? pick(natural.actors(c)) : pick(actors);
        let result: ReturnType<typeof apply>;
        try {
          result = apply(c, action, actor, now);
        } catch (e) {
          if (!(e instanceof GovernanceError)) throw e;
          expect(e.message).toContain(`"${c.state}"`);
          continue;
        }
        transitions++;
        for (const ev of result.events) {
          if (ev.public.kind !== 'produced') continue;
          productions++;
          const d = result.case.decision;
          expect(d).not.toBeNull();
          const signers = result.case.history.filter((h) => h.action === 'countersign').map((h) => h.actor);
          expect(d?.proposedBy).not.toBe(d?.countersignedBy);
          expect(signers).toContain(`staff:${d?.countersignedBy}`);
          expect(d?.gate.outcome).toBe('proceed');
          const gateAtProduction = evaluateGate(
            policies,
            {
              requestType: c.submission.requestType,
              issuerJurisdiction: c.agency.jurisdiction,
              targetJurisdictions: c.targetJurisdictions,
              offenceClassification: c.submission.offenceClassification,
              categories: c.categories,
            },
            now,
          );
          expect(gateAtProduction.outcome).toBe('proceed');
          const ceiling = instrumentCeiling(
            governingPolicy(policies, c.agency.jurisdiction, now)?.framework ?? defaultFramework,
            c.submission.instrument.type,
          );
          for (const id of ev.public.categories) {
            const cat = categoryById(id);
            expect(cat && isProducible(cat)).toBe(true);
            expect(cat?.holding).not.toBe('e2ee');
            expect(d?.categories).toContain(id);
            expect(cat?.tier && ceiling && tierWithin(cat.tier, ceiling)).toBe(true);
          }
        }
        c = result.case;
      }
    }
    expect(transitions).toBeGreaterThan(sequences * 2);
    console.info(`property: ${sequences} sequences, ${transitions} transitions, ${productions} productions`);
    // A property that never reaches production would prove nothing.
    expect(productions).toBeGreaterThan(30);
  });
});

const reviewers: readonly Actor[] = [staff.reviewerA, staff.reviewerB, staff.rights];
const naturalNext: Partial<
  Record<CaseState, { actions: readonly Action['type'][]; actors: (c: RequestCase) => readonly Actor[] }>
> = {
  received: { actions: ['triage'], actors: () => [staff.intake] },
  triage: { actions: ['complete_triage'], actors: () => [staff.intake] },
  emergency_verification: { actions: ['record_callback'], actors: () => [staff.intake] },
  gate: { actions: ['run_gate'], actors: () => [staff.intake, staff.reviewerB] },
  legal_review: {
    actions: ['complete_legal_review', 'request_clarification', 'challenge'],
    actors: () => [staff.reviewerA],
  },
  clarification: { actions: ['answer_clarification'], actors: (c) => [officerOf(c.agency)] },
  human_rights_review: { actions: ['complete_human_rights_review'], actors: () => [staff.rights] },
  decision: { actions: ['propose_decision', 'countersign', 'countersign'], actors: () => reviewers },
  notice: { actions: ['produce'], actors: () => reviewers },
  notice_deferred: { actions: ['produce', 'send_deferred_notice'], actors: () => reviewers },
  production: {
    actions: ['close', 'send_deferred_notice'],
    actors: () => [staff.intake, { kind: 'system' }],
  },
  held_by_policy: { actions: ['resume', 'withdraw'], actors: (c) => [staff.admin, officerOf(c.agency)] },
  challenged: { actions: ['resolve_challenge'], actors: () => [staff.reviewerB] },
  preserved: {
    actions: ['extend_preservation', 'consume_preservation', 'expire_preservation'],
    actors: () => [staff.reviewerA, { kind: 'system' }],
  },
};

function randomActions(
  pick: <T>(xs: readonly T[]) => T,
  subset: <T>(xs: readonly T[]) => T[],
  c: RequestCase,
  policies: readonly JurisdictionPolicy[],
): Action[] {
  const categories = subset(c.categories);
  const producible = c.categories.filter((id) => {
    const cat = categoryById(id);
    return cat !== undefined && isProducible(cat) && cat.tier === 'basic_subscriber';
  });
  const approved = c.decision?.categories ?? [];
  const range = pick([
    c.dateRange,
    c.dateRange,
    { from: '2025-01-01', to: '2026-03-31' },
    { from: '2026-02-01', to: '2026-02-28' },
  ]);
  const options: Action[] = [
    { type: 'triage' },
    { type: 'complete_triage', requesterVerified: pick([true, true, false]) },
    {
      type: 'record_callback',
      numberDialed: pick([c.agency.registeredCallbackNumber, '+1 555 0100']),
      confirmed: pick([true, true, false]),
    },
    { type: 'run_gate', policies },
    { type: 'request_clarification', question: 'which account?' },
    { type: 'answer_clarification', answer: 'this one', narrowTo: { categories: subset(allCategories) } },
    { type: 'complete_legal_review', notes: 'ok' },
    { type: 'complete_human_rights_review', cleared: pick([true, true, false]), notes: 'ok' },
    {
      type: 'propose_decision',
      outcome: pick(['disclose', 'disclose', 'reject', 'no_data', 'preserve', 'restrict_account']),
      reasonCodes: ['valid_legal_process'],
      categories: pick([producible, producible, categories, c.categories, allCategories]),
    },
    { type: 'countersign', policies },
    {
      type: 'produce',
      categories: pick([approved, approved, approved, categories, allCategories]),
      dateRange: range,
      policies,
    },
    { type: 'send_deferred_notice' },
    { type: 'challenge', grounds: 'overbroad' },
    { type: 'resolve_challenge', quashed: pick([true, false]) },
    { type: 'close' },
    { type: 'withdraw' },
    { type: 'resume', policies },
    { type: 'extend_preservation' },
    { type: 'consume_preservation', legalProcessReference: 'LP-1' },
    { type: 'expire_preservation' },
  ];
  return options;
}
