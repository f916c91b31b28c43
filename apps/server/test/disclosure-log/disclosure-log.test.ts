import { analyseLog, type DisclosureLeaf, decodeLeaf } from '@parley/governance';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submission } from '../governance/members.ts';
import { logEntries, type UsWorld, usWorld } from './us-world.ts';

let w: UsWorld;
beforeAll(async () => {
  w = await usWorld();
});
afterAll(async () => w?.world.close());

const leaves = (entries: readonly Uint8Array[]): DisclosureLeaf[] => entries.map((e) => decodeLeaf(e));

describe('the disclosure log', () => {
  it('publishes each event in its transaction: public fields and commitments, no private value', async () => {
    const before = (await logEntries(w.world)).length;
    const ack = await w.fbi.call('submitRequest', { body: submission({ targets: [{ username: 'alice' }] }) });
    expect(ack.status, JSON.stringify(ack.body)).toBe(201);
    // Queued in the intake transaction, before any sequencer pass.
    const queued = await w.world.server.context.db.selectFrom('log_queue').select('data').execute();
    expect(queued.length).toBe(1);
    const entries = await logEntries(w.world);
    const fresh = leaves(entries.slice(before));
    expect(fresh.map((l) => (l.leaf === 'event' ? l.event.kind : l.leaf))).toEqual(['received']);
    const text = new TextDecoder().decode(entries[entries.length - 1]);
    for (const secret of ['alice', 'fbi', ack.body.reference]) expect(text).not.toContain(secret);
    expect(text).toContain('"jurisdiction":"US"');
    // The policy change that opened the world is there too, public in full.
    expect(leaves(entries).some((l) => l.leaf === 'event' && l.event.type === 'policy')).toBe(true);
    expect(analyseLog(entries).problems).toEqual([]);
  });

  it('seals events under a non-disclosure order and reveals them when it lapses', async () => {
    const ack = await w.fbi.call('submitRequest', {
      body: submission({
        targets: [{ username: 'alice' }],
        instrument: { ...(submission().instrument as object), date: '2026-04-01' },
        nonDisclosureOrder: { expiresOn: '2026-06-01', reference: 'NDO-17' },
      }),
    });
    expect(ack.status, JSON.stringify(ack.body)).toBe(201);
    const withdrawn = await w.fbi.call('actOnCase', {
      params: { reference: ack.body.reference },
      body: { type: 'withdraw' },
    });
    expect(withdrawn.status).toBe(200);
    const sealed = await logEntries(w.world);
    const tail = leaves(sealed.slice(-2));
    expect(tail.map((l) => l.leaf)).toEqual(['sealed', 'sealed']);
    const pending = analyseLog(sealed);
    expect(pending.problems).toEqual([]);
    expect(pending.pendingSeals).toBe(2);

    const disclosure = w.world.server.context.disclosureLog;
    await w.world.advance(30 * 24 * 3600_000);
    expect(await disclosure.revealDue()).toBe(0);
    await w.world.advance(40 * 24 * 3600_000);
    expect(await disclosure.revealDue()).toBe(2);
    expect(await disclosure.revealDue()).toBe(0);
    const revealed = await logEntries(w.world);
    const analysis = analyseLog(revealed);
    expect(analysis.problems).toEqual([]);
    expect(analysis.pendingSeals).toBe(0);
    const kinds = analysis.events.filter((e) => e.type === 'request').map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(['received', 'withdrawn']);
    // The reveals name seals integrated before the order lapsed: the event was logged on time.
    const reveals = leaves(revealed).filter((l) => l.leaf === 'reveal');
    expect(reveals.map((r) => r.leaf === 'reveal' && r.sealedIndex)).toEqual([
      sealed.length - 2,
      sealed.length - 1,
    ]);
  });

  it('refuses to change or delete what it recorded', async () => {
    const db = w.world.server.context.db;
    await expect(sql`update disclosure_leaves set log_ticket = 0`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from disclosure_reveals`.execute(db)).rejects.toThrow(/append-only/);
  });
});
