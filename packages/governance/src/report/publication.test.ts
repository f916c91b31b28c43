import { describe, expect, it } from 'vitest';
import { agencies, day, hkPaused, policy, receive } from '../../test/fixtures.ts';
import { policyEventLeaf, requestEventLeaf, sealedLeaf } from '../disclosure/leaf-builders.ts';
import { encodeLeaf } from '../disclosure/leaf-codec.ts';
import type { DisclosureLeaf } from '../disclosure/leaf-types.ts';
import { analyseLog } from '../disclosure/log-analysis.ts';
import { publicEventHash } from '../events/canonical.ts';
import type { RequestEvent } from '../events/event-types.ts';
import { newChain, nextRequestEvent, policyChangedEvent } from '../events/request-events.ts';
import { evaluateClaim, parseClaim } from './claims.ts';
import { buildReport, reportNoteText, sha256Hex } from './publication.ts';
import { checkReport } from './report-check.ts';

const key = new Uint8Array(32).fill(1);
const binding = (size: number) => ({
  origin: 'parley.example/log',
  checkpointSize: size,
  checkpointRoot: 'ab'.repeat(32),
});

/** Hong Kong's policy history and two Hong Kong police requests held by the pause, as log leaves. */
function hongKongLeaves(): DisclosureLeaf[] {
  const leaves: DisclosureLeaf[] = [];
  let chain = newChain('policy:HK');
  for (const [p, at] of [
    [policy('HK'), day('2019-01-01')],
    [hkPaused(), day('2020-07-06')],
  ] as const) {
    const e = policyChangedEvent(p, chain, at);
    leaves.push(policyEventLeaf(e.event));
    chain = e.chain;
  }
  for (const now of [day('2020-09-01'), day('2020-10-01')]) {
    const r = receive(agencies.hkPolice, {}, { now });
    leaves.push(...r.events.map((e) => requestEventLeaf(e, key)));
  }
  return leaves;
}

/** A Hong Kong request's chain that ends in a production nobody should have made. */
function producedChain(at: number): RequestEvent[] {
  const r = receive(agencies.hkPolice, {}, { now: at });
  const last = r.events.at(-1);
  if (last === undefined) throw new Error('no event');
  const head = { chainId: last.public.chainId, seq: last.public.seq + 1, prev: publicEventHash(last.public) };
  return [...r.events, nextRequestEvent(r.case, head, 'produced', at).event];
}

const analyse = (leaves: readonly DisclosureLeaf[]) => analyseLog(leaves.map(encodeLeaf));

describe('published reports', () => {
  const leaves = hongKongLeaves();
  const events = analyse(leaves).events;
  const published = buildReport(events, '2020-H2', binding(leaves.length));

  it('binds both documents and the checkpoint in its leaf and its signed text', () => {
    expect(published.leaf).toMatchObject({ period: '2020-H2', checkpointSize: leaves.length });
    expect(published.leaf.jsonSha256).toBe(sha256Hex(published.json));
    expect(JSON.parse(published.json).log).toEqual(binding(leaves.length));
    expect(reportNoteText(published.leaf, 'parley.example/log').split('\n')).toEqual([
      'parley-report/v1',
      'parley.example/log',
      '2020-H2',
      String(leaves.length),
      'ab'.repeat(32),
      `json ${published.leaf.jsonSha256}`,
      `csv ${published.leaf.csvSha256}`,
      '',
    ]);
  });

  it('accepts a report that is exactly what the log says', () => {
    expect(checkReport(leaves.length, published.leaf, 'parley.example/log', published, events)).toEqual([]);
  });

  it('names a misstated count, even when the operator re-hashed and re-signed the lie', () => {
    const json = published.json.replace('"requestsReceived": 2', '"requestsReceived": 1');
    expect(json).not.toBe(published.json);
    const leaf = { ...published.leaf, jsonSha256: sha256Hex(json) };
    expect(checkReport(9, leaf, 'parley.example/log', { json, csv: published.csv }, events)).toEqual([
      'report 2020-H2 at entry 9: does not match the log: row HK legal_process: requestsReceived is 1 in the published report, 2 recomputed from the log',
    ]);
  });

  it('names a changed byte, a missing document and a checkpoint it cannot have seen', () => {
    const json = published.json.replace('PAUSED', 'PAUSEd');
    expect(checkReport(9, published.leaf, 'o', { json, csv: undefined }, events)).toEqual([
      'report 2020-H2 at entry 9: the JSON document does not match the SHA-256 in its leaf',
      'report 2020-H2 at entry 9: the CSV document is not served',
    ]);
    expect(checkReport(3, published.leaf, 'o', published, events)).toEqual([
      `report 2020-H2 at entry 3: claims a checkpoint of size ${leaves.length}, beyond its own position`,
    ]);
  });
});

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

  it('holds for Hong Kong since the pause, with evidence', () => {
    const result = evaluateClaim(parseClaim('no-production HK since 2020-07-06'), analyse(leaves));
    expect(result.verdict).toBe('holds');
    expect(result.evidence).toContain(
      'since 2020-W28: 2 requests received, 2 held by policy, 0 with data produced',
    );
    const paused = evaluateClaim(parseClaim('paused HK since 2020-07-06'), analyse(leaves));
    expect(paused.verdict).toBe('holds');
    expect(evaluateClaim(parseClaim('paused HK since 2020-07-01'), analyse(leaves)).verdict).toBe('fails');
  });

  it('fails naming the entry of a production, and is undecided while a seal could hide one', () => {
    const chain = producedChain(day('2020-11-02'));
    const produced = chain.at(-1);
    if (produced === undefined) throw new Error('no event');
    const withProduction = [...leaves, ...chain.map((e) => requestEventLeaf(e, key))];
    const analysis = analyse(withProduction);
    expect(analysis.problems).toEqual([]);
    const result = evaluateClaim(parseClaim('no-production HK since 2020-07-06'), analysis);
    expect(result.verdict).toBe('fails');
    expect(result.evidence).toContain(
      `entry ${withProduction.length - 1}: data produced for request ${produced.public.chainId} (legal_process, week 2020-W45)`,
    );
    const sealed = [...leaves, ...chain.map((e) => sealedLeaf(requestEventLeaf(e, key), key))];
    const hidden = evaluateClaim(parseClaim('no-production HK since 2020-07-06'), analyse(sealed));
    expect(hidden.verdict).toBe('undecided');
    expect(hidden.evidence.at(-1)).toMatch(
      new RegExp(
        `^${chain.length} sealed events \\(entries ${leaves.length}, .*\\) are under non-disclosure orders`,
      ),
    );
  });
});
