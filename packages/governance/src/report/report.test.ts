import { describe, expect, it } from 'vitest';
import { agencies, day, hkPaused, policy, receive, worldPolicies } from '../../test/fixtures.ts';
import type { DomainEventPublic } from '../events/event-types.ts';
import { newChain, policyChangedEvent } from '../events/request-events.ts';
import { reportToCsv, reportToJson } from './serialize.ts';
import { computeReport, weekThursday } from './transparency-report.ts';

function hongKongLog(): DomainEventPublic[] {
  const events: DomainEventPublic[] = [];
  let chain = newChain('policy:HK');
  for (const [p, at] of [
    [policy('HK'), day('2019-01-01')],
    [hkPaused(), day('2020-07-06')],
  ] as const) {
    const e = policyChangedEvent(p, chain, at);
    events.push(e.event);
    chain = e.chain;
  }
  const now = day('2020-10-01');
  const emergency = {
    requestType: 'emergency_disclosure',
    emergency: { factualBasis: 'threat' },
    instrument: {
      type: 'emergency_request',
      issuer: 'HKPF',
      date: '2020-10-01',
      signatory: 'x',
      documentSha256: 'b'.repeat(64),
    },
  };
  for (const r of [
    receive(agencies.hkPolice, {}, { now }),
    receive(
      agencies.hkPolice,
      { targets: [{ username: 'alice' }, { username: 'bob' }] },
      { now: day('2020-11-01') },
    ),
    receive(agencies.hkPolice, emergency, { now, policies: worldPolicies('deny') }),
    receive(agencies.hkPolice, {}, { now: day('2020-05-01') }),
  ]) {
    events.push(...r.events.map((e) => e.public));
  }
  return events;
}

describe('transparency report', () => {
  it('reports Hong Kong 2020-H2: received and counted, paused, nothing produced', () => {
    const report = computeReport(hongKongLog(), '2020-H2');
    expect(report.rows.map((r) => [r.jurisdiction, r.requestClass])).toEqual([
      ['HK', 'emergency_disclosure'],
      ['HK', 'legal_process'],
    ]);
    expect(report.rows[1]).toMatchObject({
      periodStart: '2020-07-01',
      periodEnd: '2020-12-31',
      jurisdictionName: 'Hong Kong',
      policyStatus: 'PAUSED',
      policySince: '2020-07-06',
      requestsReceived: 2,
      accountsSpecifiedMin: 3,
      accountsSpecifiedMax: '3',
      requestsWithDataProduced: 0,
      percentWithDataProduced: '0.0',
      contentDisclosed: 0,
      pausedNotProcessed: 2,
      instrumentTypes: 'subpoena:2',
    });
    expect(report.rows[0]).toMatchObject({ rejected: 1, topRejectionReasons: 'emergency_not_accepted:1' });
    expect(report.barredFromReporting.length).toBeGreaterThan(0);
    // The H1 request falls in H1.
    expect(computeReport(hongKongLog(), '2020-H1').rows[0]).toMatchObject({
      requestsReceived: 1,
      pausedNotProcessed: 0,
    });
  });

  it('serializes to the same bytes whatever the event order', () => {
    const log = hongKongLog();
    const a = computeReport(log, '2020-H2');
    const b = computeReport([...log].reverse(), '2020-H2');
    expect(reportToCsv(b)).toBe(reportToCsv(a));
    expect(reportToJson(b)).toBe(reportToJson(a));
    expect(reportToCsv(a).split('\r\n')[0]).toMatch(/^periodStart,periodEnd,jurisdiction,/);
    expect(reportToCsv(a)).toContain(',PAUSED,2020-07-06,Parley has paused all requests');
  });

  it('assigns a week to the half-year of its Thursday', () => {
    expect(new Date(weekThursday('2020-W53')).toISOString().slice(0, 10)).toBe('2020-12-31');
    expect(new Date(weekThursday('2020-W28')).toISOString().slice(0, 10)).toBe('2020-07-09');
  });
});
