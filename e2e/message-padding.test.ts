import { startNetwork, type TestNetwork } from '@parley/testkit';
import { eventually } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let net: TestNetwork;
beforeAll(async () => {
  net = await startNetwork({ clients: 2 });
});
afterAll(async () => net?.close());

describe('what the server can tell from a message’s size', () => {
  it('stores messages of nearby lengths as one ciphertext size, and delivers them intact', async () => {
    const [alice, bob] = net.clients;
    if (alice === undefined || bob === undefined) throw new Error('expected two clients');
    const { id } = await alice.createConversation('sizes', ['bob']);
    const texts = [
      'ok',
      'see you at the station at nine',
      'x'.repeat(1000),
      'y'.repeat(1010),
      'z'.repeat(1100),
    ];
    const seqs = [];
    for (const text of texts) seqs.push((await alice.send(id, text)).seq);

    // The operator's view: ciphertext lengths by sequence number.
    const rows = await net.server.context.db
      .selectFrom('group_messages')
      .select(['seq', 'payload'])
      .where('group_id', '=', id)
      .where('seq', 'in', seqs)
      .orderBy('seq')
      .execute();
    const sizes = rows.map((r) => r.payload.length);
    expect(sizes).toHaveLength(5);
    const [short, sentence, thousand, thousandTen, elevenHundred] = sizes;
    expect(sentence).toBe(short);
    expect(thousandTen).toBe(thousand);
    expect(elevenHundred).toBeGreaterThan(thousand ?? 0);

    await eventually(async () => (await bob.messages(id)).length === texts.length, 'bob has every message');
    expect((await bob.messages(id)).map((m) => m.text)).toEqual(texts);
  });
});
