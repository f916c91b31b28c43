import { describe, expect, it } from 'vitest';
import { agencies, day, receive } from '../../test/fixtures.ts';
import { EVENT_ENCODING_TAG, encodePublicEvent, publicEventHash } from './canonical.ts';
import { accountBucket, bucketBounds } from './request-events.ts';

describe('domain events', () => {
  const r = receive(
    agencies.usFbi,
    { targets: [{ username: 'alice' }, { accountId: 'acc-9' }] },
    { now: day('2026-04-02') },
  );
  const event = r.events[0];

  it('encodes the public part canonically: tag, sorted keys, no whitespace', () => {
    if (event === undefined) throw new Error('no event');
    const text = new TextDecoder().decode(encodePublicEvent(event.public));
    expect(text.startsWith(EVENT_ENCODING_TAG)).toBe(true);
    const json = text.slice(EVENT_ENCODING_TAG.length);
    expect(json).toBe(
      '{"accountBucket":"2","authorityKind":"police","categories":[],"chainId":"' +
        event.public.chainId +
        '","channel":"direct","decision":null,"isoWeek":"2026-W14","jurisdiction":"US","kind":"received","legalBasis":"subpoena","policyStatus":null,"prev":"","reasonCodes":[],"requestType":"legal_process","seq":0,"type":"request","v":1}',
    );
    // Reordering keys changes nothing; private fields never appear.
    const reordered = Object.fromEntries(Object.entries(event.public).reverse());
    expect(publicEventHash({ ...event.public, ...reordered })).toBe(publicEventHash(event.public));
    for (const secret of ['ag-fbi', 'alice', 'acc-9', 'a'.repeat(64), r.case.reference])
      expect(text).not.toContain(secret);
    expect(event.private).toMatchObject({
      agencyId: 'ag-fbi',
      targets: ['alice', 'acc-9'],
      caseReference: r.case.reference,
    });
  });

  it('publishes account counts in buckets', () => {
    expect([1, 2, 5, 6, 10, 11, 50, 51, 100, 101, 5000].map(accountBucket)).toEqual([
      '1',
      '2',
      '5',
      '6-10',
      '6-10',
      '11-50',
      '11-50',
      '51-100',
      '51-100',
      '101+',
      '101+',
    ]);
    expect(bucketBounds('6-10')).toEqual([6, 10]);
    expect(bucketBounds('101+')).toEqual([101, null]);
    expect(bucketBounds('3')).toEqual([3, 3]);
  });
});
