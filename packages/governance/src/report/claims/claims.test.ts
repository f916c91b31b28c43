import { describe, expect, it } from 'vitest';
import { agencies, day, hkPaused, policy, receive } from '../../../test/fixtures.ts';
import { hongKongLeaves, hongKongPolicies, key } from '../../../test/log-fixtures.ts';
import { requestEventLeaf, revealLeaf, sealedLeaf } from '../../disclosure/leaf-builders.ts';
import { encodeLeaf } from '../../disclosure/leaf-codec.ts';
import type { DisclosureLeaf, EventLeaf } from '../../disclosure/leaf-types.ts';
import { analyseLog } from '../../disclosure/log-analysis.ts';
import { publicEventHash } from '../../events/canonical.ts';
import type { RequestEvent } from '../../events/event-types.ts';
import { nextRequestEvent } from '../../events/request-events.ts';
import type { AgencyRecord } from '../../lifecycle/case-types.ts';
import { evaluateClaim, parseClaim } from './claims.ts';

const nonce = new Uint8Array(32).fill(2);
const analyse = (leaves: readonly DisclosureLeaf[]) => analyseLog(leaves.map(encodeLeaf));
const claim = (text: string, leaves: readonly DisclosureLeaf[]) =>
  evaluateClaim(parseClaim(text), analyse(leaves));

/** A request's chain that ends in a production. */
function producedChain(at: number, agency: AgencyRecord = agencies.hkPolice): RequestEvent[] {
  const r = receive(agency, {}, { now: at });
  const last = r.events.at(-1);
  if (last === undefined) throw new Error('no event');
  const head = { chainId: last.public.chainId, seq: last.public.seq + 1, prev: publicEventHash(last.public) };
  return [...r.events, nextRequestEvent(r.case, head, 'produced', at).event];
}

const eventLeaves = (chain: readonly RequestEvent[]): EventLeaf[] =>
  chain.map((e) => requestEventLeaf(e, key));
const sealedLeaves = (chain: readonly RequestEvent[]) => eventLeaves(chain).map((l) => sealedLeaf(l, nonce));

describe('claims answered from the log', () => {
  const leaves = hongKongLeaves();

  it('reads the documented spellings and refuses others with a precise message', () => {
    expect(parseClaim('no-production hk since 2020-07-06')).toEqual({
      kind: 'no-production',
      jurisdiction: 'HK',
      since: '2020-07-06',
    });
    expect(() => parseClaim('no production in HK')).toThrow(/write "no-production <jurisdiction> since/);
    expect(() => parseClaim('paused XX since 2020-07-06')).toThrow('unknown jurisdiction "XX"');
    expect(() => parseClaim('paused HK since 2020-02-30')).toThrow('"2020-02-30" in the claim is not a date');
  });

  it('holds for Hong Kong since the pause, with evidence that says when each version was logged', () => {
    const result = claim('no-production HK since 2020-07-06', leaves);
    expect(result.verdict).toBe('holds');
    expect(result.evidence).toContain(
      'since 2020-W28: 2 requests received, 2 held by policy, 0 with data produced',
    );
    const paused = claim('paused HK since 2020-07-06', leaves);
    expect(paused.verdict).toBe('holds');
    expect(paused.evidence).toContain(
      'in force on 2020-07-06: entry 1: HK version 2, PAUSED from 2020-07-06 (emergencies: deny), logged in week 2020-W28',
    );
    expect(claim('paused HK since 2020-07-01', leaves).verdict).toBe('fails');
  });

  it('says so when a policy was recorded long after the day it took effect', () => {
    const late = hongKongPolicies([[hkPaused(), day('2026-12-01')]]);
    const result = claim('paused HK since 2020-07-06', late);
    expect(result.verdict).toBe('holds');
    expect(result.evidence).toContain(
      'in force on 2020-07-06: entry 0: HK version 2, PAUSED from 2020-07-06 (emergencies: deny), logged in week 2026-W49, after the fact: the log vouches for it only from then',
    );
    expect(claim('no-production HK since 2020-07-06', late).evidence).toContain(
      "the log's first event was logged in week 2026-W49: for the weeks before, it holds only what was recorded later, not what it witnessed",
    );
  });

  it('fails naming the entry of a public production', () => {
    const chain = producedChain(day('2020-11-02'));
    const withProduction = [...leaves, ...eventLeaves(chain)];
    const analysis = analyse(withProduction);
    expect(analysis.problems).toEqual([]);
    const result = evaluateClaim(parseClaim('no-production HK since 2020-07-06'), analysis);
    expect(result.verdict).toBe('fails');
    expect(result.evidence).toContain(
      `entry ${withProduction.length - 1}: data produced for request ${chain.at(-1)?.public.chainId} (legal_process, week 2020-W45)`,
    );
  });

  it('holds under a gag when the sealed events state they are no production', () => {
    const held = receive(agencies.hkPolice, {}, { now: day('2020-11-02') }).events;
    const result = claim('no-production HK since 2020-07-06', [...leaves, ...sealedLeaves(held)]);
    expect(result.verdict).toBe('holds');
    expect(result.evidence).toContain(
      `${held.length} sealed events in the period could belong to HK requests; ${held.length} of them state they are no production, and a reveal is checked against what its seal stated`,
    );
  });

  it('holds when a sealed production was logged while the pause barred every production, naming the policy', () => {
    const chain = producedChain(day('2020-11-02'), agencies.usFbi);
    const all = [...leaves, ...sealedLeaves(chain)];
    const result = claim('no-production HK since 2020-07-06', all);
    expect(result.verdict).toBe('holds');
    expect(result.evidence).toContain(
      `entry ${all.length - 1}: a sealed production in week 2020-W45 is no HK request's: the gate refuses every production under the policy logged before it (entry 1: HK version 2, PAUSED from 2020-07-06 (emergencies: deny), logged in week 2020-W28)`,
    );
  });

  it('is undecided on a sealed production the policy did not bar: emergencies allowed, or logged before the pause', () => {
    const chain = producedChain(day('2020-11-02'), agencies.usFbi);
    const allowing = [...hongKongLeaves(hkPaused('allow')), ...sealedLeaves(chain)];
    const undecided = claim('no-production HK since 2020-07-06', allowing);
    expect(undecided.verdict).toBe('undecided');
    expect(undecided.evidence.at(-1)).toBe(
      `1 sealed productions (entries ${allowing.length - 1}) are under non-disclosure orders and could belong to HK requests; they are revealed when their orders lapse`,
    );
    const early = producedChain(day('2020-07-07'), agencies.usFbi);
    const [accepting, pausing] = hongKongPolicies([
      [policy('HK'), day('2019-01-01')],
      [hkPaused(), day('2020-07-08')],
    ]);
    if (accepting === undefined || pausing === undefined) throw new Error('no policy leaves');
    const beforePolicy = [accepting, ...sealedLeaves(early), pausing];
    expect(analyse(beforePolicy).problems).toEqual([]);
    expect(claim('no-production HK since 2020-07-06', beforePolicy).verdict).toBe('undecided');
  });

  it('fails once the seal is opened on a Hong Kong production, and names a seal that lied about it', () => {
    const chain = producedChain(day('2020-11-02'));
    const sealed = sealedLeaves(chain);
    const base = leaves.length;
    const reveals = eventLeaves(chain).map((l, i) => revealLeaf(base + i, l, nonce));
    const opened = analyse([...leaves, ...sealed, ...reveals]);
    expect(opened.problems).toEqual([]);
    expect(evaluateClaim(parseClaim('no-production HK since 2020-07-06'), opened).verdict).toBe('fails');

    const last = sealed.length - 1;
    const lying = sealed.map((s, i) => (i === last ? { ...s, produced: false } : s));
    const caught = analyse([...leaves, ...lying, ...reveals]);
    expect(caught.problems).toContain(
      `entry ${base + sealed.length + last}: seal ${base + last} stated no production in week 2020-W45, but it hid a production in week 2020-W45`,
    );
  });
});
