import { categoryById, dataCatalogue } from '@parley/governance';
import type { CaseActionBody } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usWorld } from '../disclosure-log/us-world.ts';
import { hkAssessment, submission } from './members.ts';
import type { GovWorld, Principal } from './support.ts';

/**
 * The production guarantees, over the real HTTP API and database rather than the pure domain: random
 * sequences of actions by random people (mostly the step a case would take next, sometimes anything), with
 * the United States' policy paused and restored at random, never yield a production without a proposal and
 * a countersignature by two different staff members, without the jurisdiction accepting at that moment,
 * or with a category the catalogue does not hold.
 */

/** A seeded linear congruential generator: a failing run is replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const SEED = 20200706;
const SEQUENCES = 14;
const STEPS = 14;
const held = new Set<string>(dataCatalogue.filter((c) => c.holding === 'held').map((c) => c.id));
const allCategories = dataCatalogue.map((c) => c.id);

let world: GovWorld;
let people: Record<string, Principal>;
let usAccepting = true;

beforeAll(async () => {
  // The sequences drive the API far faster than any one client should; the per-address limit is tested on its own.
  const w = await usWorld({ httpRateLimit: { perSecond: 100_000, burst: 100_000 } });
  world = w.world;
  people = {
    ivy: w.ivy,
    lena: w.lena,
    marc: w.marc,
    rita: await world.createStaff('rita', ['human_rights_lead']),
    quin: await world.createStaff('quinn', ['policy_admin']),
    audrey: await world.createStaff('audrey', ['auditor']),
    fbi: w.fbi,
  };
});
afterAll(async () => world?.close());

/** Pauses or restores the United States, effective a minute from now, then lets the minute pass. */
async function flipUnitedStates(): Promise<void> {
  const at = new Date(world.clock.now().getTime() + 60_000).toISOString();
  const body = usAccepting
    ? { status: 'PAUSED' as const, assessment: hkAssessment, statement: 'Paused pending review.' }
    : { status: 'ACCEPT' as const, statement: 'Parley accepts lawful requests from the United States.' };
  const proposed = await world.admin.call('proposePolicy', {
    body: { jurisdiction: 'US', effectiveFrom: at, scope: 'both', emergencyRule: 'allow', ...body },
  });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const signed = await people.rita?.call('signOffPolicy', { params: { proposalId: proposed.body.id } });
  expect(signed?.status, JSON.stringify(signed?.body)).toBe(200);
  world.clock.advance(120_000);
  usAccepting = !usAccepting;
}

const natural: Record<string, readonly [string, CaseActionBody['type']][]> = {
  received: [['ivy', 'triage']],
  triage: [['ivy', 'complete_triage']],
  gate: [['ivy', 'run_gate']],
  legal_review: [['lena', 'complete_legal_review']],
  human_rights_review: [['rita', 'complete_human_rights_review']],
  decision: [
    ['lena', 'propose_decision'],
    ['marc', 'countersign'],
    ['lena', 'countersign'],
  ],
  notice_deferred: [
    ['marc', 'produce'],
    ['lena', 'produce'],
  ],
  notice: [['marc', 'produce']],
  held_by_policy: [['quin', 'resume']],
};

function body(
  type: CaseActionBody['type'],
  rnd: () => number,
  pick: <T>(xs: readonly T[]) => T,
  some: <T>(xs: readonly T[]) => T[],
) {
  // Mostly what a subpoena may reach and Parley holds; sometimes anything, which the rules must refuse.
  const categories = rnd() < 0.7 ? ['account_basic'] : some(allCategories);
  const dateRange = { from: '2020-01-01', to: '2020-06-30' };
  const bodies: Partial<Record<CaseActionBody['type'], CaseActionBody>> = {
    triage: { type: 'triage' },
    complete_triage: { type: 'complete_triage', requesterVerified: rnd() < 0.9 },
    run_gate: { type: 'run_gate' },
    complete_legal_review: { type: 'complete_legal_review', notes: 'Reviewed.' },
    complete_human_rights_review: {
      type: 'complete_human_rights_review',
      cleared: rnd() < 0.8,
      notes: 'Reviewed.',
    },
    propose_decision: {
      type: 'propose_decision',
      outcome: rnd() < 0.85 ? 'disclose' : 'reject',
      reasonCodes: [pick(['valid_legal_process', 'overbroad_or_vague'])],
      categories,
    },
    countersign: { type: 'countersign' },
    produce: { type: 'produce', categories, dateRange },
    withdraw: { type: 'withdraw' },
    resume: { type: 'resume' },
    close: { type: 'close' },
  };
  return bodies[type] ?? { type: 'triage' };
}

async function feedKinds(reference: string): Promise<string[]> {
  const rows = await world.server.context.db
    .selectFrom('governance_events')
    .innerJoin('governance_event_private', 'governance_event_private.seq', 'governance_events.seq')
    .select('governance_events.kind')
    .where('governance_event_private.reference', '=', reference)
    .orderBy('governance_events.seq')
    .execute();
  return rows.map((r) => r.kind);
}

/** What must hold of a case the moment it was produced. */
async function checkProduction(reference: string): Promise<void> {
  const db = world.server.context.db;
  const audit = await db
    .selectFrom('gov_audit')
    .select(['actor', 'action'])
    .where('object', '=', reference)
    .where('action', 'in', ['propose_decision', 'countersign'])
    .orderBy('seq')
    .execute();
  const proposer = audit.findLast((a) => a.action === 'propose_decision')?.actor;
  const countersigner = audit.findLast((a) => a.action === 'countersign')?.actor;
  expect(proposer).toMatch(/^staff:/);
  expect(countersigner).toMatch(/^staff:/);
  expect(countersigner).not.toBe(proposer);
  expect(usAccepting).toBe(true);
  expect(await feedKinds(reference)).toContain('gate_passed');
  const production = await db
    .selectFrom('gov_productions')
    .select('package')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  const files: unknown = Reflect.get(Object(Reflect.get(Object(production.package), 'manifest')), 'files');
  for (const file of Array.isArray(files) ? files : []) {
    const category = String(Reflect.get(Object(file), 'category'));
    expect(held.has(category), category).toBe(true);
    expect(categoryById(category)?.holding).toBe('held');
  }
}

describe('productions over HTTP, under random action sequences', () => {
  it('never happen without two distinct staff, an accepting jurisdiction and only held categories', async () => {
    const rnd = random(SEED);
    const pick = <T>(xs: readonly T[]): T => {
      const x = xs[Math.floor(rnd() * xs.length)];
      if (x === undefined) throw new Error('empty choice');
      return x;
    };
    const some = <T>(xs: readonly T[]): T[] => [...xs.filter(() => rnd() < 0.3), pick(xs)];
    const everyone = Object.keys(people);
    const anyType: CaseActionBody['type'][] = [
      'triage',
      'run_gate',
      'propose_decision',
      'countersign',
      'produce',
      'withdraw',
      'close',
      'resume',
    ];
    let productions = 0;
    let accepted = 0;
    for (let s = 0; s < SEQUENCES; s++) {
      const ack = await people.fbi?.call('submitRequest', {
        body: submission({
          targets: [{ username: 'alice' }],
          categories: ['account_basic', ...some(allCategories)],
          instrument: {
            ...(submission().instrument as object),
            type: pick(['subpoena', 'records_court_order']),
            date: '2026-04-01',
          },
          nonDisclosureOrder: { expiresOn: '2026-09-01', reference: `NDO-${s}` },
        }),
      });
      expect(ack?.status, JSON.stringify(ack?.body)).toBe(201);
      const reference = ack?.body.reference ?? '';
      for (let step = 0; step < STEPS; step++) {
        // Pauses are rare and short, so most sequences can reach a decision.
        if (rnd() < (usAccepting ? 0.05 : 0.4)) await flipUnitedStates();
        const state = (await people.audrey?.call('getCase', { params: { reference } }))?.body.state ?? '';
        const options = natural[state];
        const [who, type] =
          options !== undefined && rnd() < 0.85 ? pick(options) : [pick(everyone), pick(anyType)];
        const r = await people[who]?.call('actOnCase', {
          params: { reference },
          body: body(type, rnd, pick, some),
        });
        if (r?.status !== 200) continue;
        accepted++;
        if (r.body.state === 'production' && type === 'produce') {
          productions++;
          await checkProduction(reference);
        }
      }
    }
    console.info(
      `http property: ${SEQUENCES} sequences, ${accepted} accepted actions, ${productions} productions`,
    );
    // A property that never reaches production would prove nothing.
    expect(productions).toBeGreaterThan(2);
  });
});
