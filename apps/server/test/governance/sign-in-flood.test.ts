import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../../src/index.ts';
import { commitBody, opaque, RawDevice, randomId } from '../support/raw-client.ts';
import { startServer } from '../support/start.ts';
import { type Answer, signInFrom } from './from-address.ts';

const ATTACKERS = 30;
const SENDS = 40;

let server: ParleyServer;
let alice: RawDevice;
let bob: RawDevice;
const groupId = randomId();

beforeAll(async () => {
  // The per-address limit is lifted so that the flood reaches the sign-in code, as it would from many addresses.
  server = await startServer({ httpRateLimit: { perSecond: 1e6, burst: 1e6 }, governanceSweepIntervalMs: 0 });
  alice = await RawDevice.register(server.url, 'alice');
  bob = await RawDevice.register(server.url, 'bob');
  await alice.call('createGroup', { body: { groupId } });
  const add = await alice.call('commit', {
    params: { groupId },
    body: commitBody(groupId, 0, { adds: [bob] }),
  });
  if (add.status !== 201) throw new Error(`commit failed: ${JSON.stringify(add.body)}`);
  await Promise.all([alice.connect(), bob.connect()]);
});
afterAll(async () => {
  await Promise.all([alice, bob].map((d) => d?.disconnect()));
  await server?.close();
});

describe('a flood of bogus officer sign-ins', () => {
  it('leaves member messaging running, hashes at most two passwords at once and refuses the rest at once', async () => {
    let flooding = true;
    let inFlight = 0;
    const answers: Answer[] = [];
    const attacker = async () => {
      while (flooding) {
        inFlight += 1;
        const email = `${randomId().toLowerCase()}@nowhere.example`;
        const body = { email, password: 'a guess at somebody’s password', totp: '123456' };
        answers.push(await signInFrom(server.url, '127.0.0.9', 'officerLogin', body));
        inFlight -= 1;
      }
    };
    const attackers = Array.from({ length: ATTACKERS }, attacker);
    while (answers.length < ATTACKERS) await sleep(5);

    // Each send waits for its acknowledgement; the flood must still be running when it comes.
    const inFlightAtAck: number[] = [];
    for (let i = 0; i < SENDS; i++) {
      alice.send({ type: 'send', id: `s${i}`, groupId, payload: opaque() });
      await alice.waitFor((f) => f.type === 'sent' && f.id === `s${i}`, 30_000);
      inFlightAtAck.push(inFlight);
    }
    flooding = false;
    await Promise.all(attackers);

    expect(inFlightAtAck).toHaveLength(SENDS);
    expect(Math.min(...inFlightAtAck)).toBeGreaterThan(0);
    await bob.waitFor((f) => f.type === 'message' && f.message.seq === 2 + SENDS, 30_000);
    expect(bob.messages(groupId).filter((m) => m.kind === 'application')).toHaveLength(SENDS);

    expect(server.context.governance.hashGate.peak).toBeLessThanOrEqual(2);
    const busy = answers.filter((a) => a.code === 'sign_in_busy');
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((a) => a.status === 429 && a.retryAfter === '1')).toBe(true);
    expect(answers.every((a) => a.code === 'sign_in_busy' || a.code === 'invalid_credentials')).toBe(true);
    // Thousands of guesses, not one audit event each.
    const audit = await server.context.db.selectFrom('gov_audit').select('seq').execute();
    expect(audit).toHaveLength(0);
  });
});
