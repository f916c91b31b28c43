import { ClientFrame, closeCodes, wsPath } from '@parley/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type UsWorld, usWorld } from '../disclosure-log/us-world.ts';
import { registerMember, submission } from '../governance/members.ts';
import { call, randomId } from '../support/raw-client.ts';
import { fromSchema, hostile, hostileString, inputSchema, type Known, rawBodies } from './arbitraries.ts';
import { anyRouteRequest, type FuzzRequest } from './route-requests.ts';

/**
 * Every route of the protocol table and every WebSocket frame type, fed shaped-but-hostile input from a fixed
 * seed, within a run count and a time bound. Whatever arrives, the server answers 4xx (or 2xx), never 5xx,
 * never hangs, keeps `/health` up and still serves a member's normal request afterwards. A failure prints
 * the seed and the shrunk request, so it replays exactly.
 */
const SEED = 20261206;
const HTTP = { numRuns: 3000, timeLimitMs: 25_000 };
const WS = { numRuns: 800, timeLimitMs: 8_000 };
const REQUEST_TIMEOUT_MS = 10_000;

let w: UsWorld;
let member: Awaited<ReturnType<typeof registerMember>>;
let known: Known;

beforeAll(async () => {
  w = await usWorld({ httpRateLimit: { perSecond: 1_000_000, burst: 1_000_000 } });
  member = await registerMember(w.world.url, 'bob', 'US');
  const groupId = randomId();
  await call(w.world.url, 'createGroup', { body: { groupId } }, member.token);
  const ack = await w.fbi.call('submitRequest', { body: submission() });
  const agencies = await w.world.admin.call('listAgencies', {});
  const proposal = await w.world.admin.call('proposePolicy', {
    body: {
      jurisdiction: 'FR',
      effectiveFrom: '2026-06-01T00:00:00Z',
      status: 'ACCEPT',
      scope: 'both',
      emergencyRule: 'allow',
      statement: 'Accepting.',
    },
  });
  known = {
    username: ['alice', 'bob', 'ivy'],
    deviceId: [member.deviceId],
    groupId: [groupId],
    deviceIds: [member.deviceId],
    agencyId: agencies.body.agencies.map((a) => a.id),
    proposalId: [proposal.body.id],
    reference: [ack.body.reference],
    period: ['2026-H1', '2025-H2', '2027-H1'],
    jurisdiction: ['US', 'HK', 'FR'],
    index: ['0', '1'],
    size: ['1', '2'],
  };
});
afterAll(async () => w?.world.close());

async function send(r: FuzzRequest): Promise<number> {
  const response = await fetch(`${w.world.url}${r.path}`, {
    method: r.method,
    headers: {
      'content-type': 'application/json',
      ...(r.token === undefined ? {} : { authorization: `Bearer ${r.token}` }),
    },
    ...(r.body === undefined ? {} : { body: r.body }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  await response.arrayBuffer();
  return response.status;
}

/** What a member and the monitor notice afterwards: the server is up and does its normal work. */
async function expectStillServing(): Promise<void> {
  const health = await fetch(`${w.world.url}/health`);
  expect(health.status).toBe(200);
  const count = await call(w.world.url, 'countKeyPackages', {}, member.token);
  expect(count.status).toBe(200);
  const cases = await w.ivy.call('listCases', {});
  expect(cases.status).toBe(200);
}

describe('every HTTP route under hostile input', () => {
  it('answers below 500, promptly, and keeps serving', { timeout: 120_000 }, async () => {
    const tokens = {
      member: member.token,
      staff: [w.world.admin.token, w.ivy.token, w.lena.token],
      officer: w.fbi.token,
    };
    const seen = new Map<string, number>();
    const result = await fc.check(
      fc.asyncProperty(anyRouteRequest(known, tokens), async (r) => {
        const status = await send(r);
        const key = `${Math.floor(status / 100)}xx`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        return status < 500;
      }),
      {
        seed: SEED,
        numRuns: HTTP.numRuns,
        interruptAfterTimeLimit: HTTP.timeLimitMs,
        markInterruptAsFailure: false,
      },
    );
    console.info(
      `http fuzz: seed ${SEED}, ${result.numRuns} requests, ${JSON.stringify(Object.fromEntries(seen))}`,
    );
    expect(result.failed, fc.defaultReportMessage(result)).toBe(false);
    // A fuzzer that never gets past validation or authentication would prove little.
    expect(seen.get('2xx') ?? 0).toBeGreaterThan(20);
    await expectStillServing();
  });
});

/** Frames of every client type, mostly shaped, sometimes raw text or bytes no client writes. */
const frames = (names: Known) =>
  fc.oneof(
    {
      arbitrary: fromSchema(inputSchema(ClientFrame), names).map((f) => JSON.stringify(f) ?? 'null'),
      weight: 8,
    },
    { arbitrary: rawBodies, weight: 1 },
    { arbitrary: hostileString, weight: 1 },
    { arbitrary: hostile.map((v) => Buffer.from(JSON.stringify(v) ?? '')), weight: 1 },
  );

describe('every WebSocket frame type under hostile input', () => {
  it('answers with error frames, never internal, keeps the connection and still pongs', {
    timeout: 60_000,
  }, async () => {
    const ws = new WebSocket(`${w.world.url.replace('http', 'ws')}${wsPath}`);
    const received: Record<string, unknown>[] = [];
    let closed: number | undefined;
    ws.on('message', (data) => received.push(JSON.parse(String(data))));
    ws.on('close', (code) => {
      closed = code;
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'auth', token: member.token }));
    const waitFor = async (id: string) => {
      const deadline = Date.now() + REQUEST_TIMEOUT_MS;
      while (!received.some((f) => f.type === 'pong' && f.id === id)) {
        if (closed !== undefined || Date.now() > deadline) return false;
        await new Promise((r) => setTimeout(r, 2));
      }
      return true;
    };
    let n = 0;
    const result = await fc.check(
      fc.asyncProperty(frames({ ...known, token: [member.token] }), async (frame) => {
        ws.send(frame);
        // Paced under the per-connection frame rate, so every refusal seen is about the frame itself.
        await new Promise((r) => setTimeout(r, 12));
        const id = `probe-${n++}`;
        ws.send(JSON.stringify({ type: 'ping', id }));
        const alive = await waitFor(id);
        return alive && !received.some((f) => f.type === 'error' && f.code === 'internal');
      }),
      {
        seed: SEED,
        numRuns: WS.numRuns,
        interruptAfterTimeLimit: WS.timeLimitMs,
        markInterruptAsFailure: false,
      },
    );
    const errors = new Set(received.filter((f) => f.type === 'error').map((f) => String(f.code)));
    console.info(
      `ws fuzz: seed ${SEED}, ${result.numRuns} frames, error codes ${[...errors].join(', ')}, closed ${closed ?? 'no'}`,
    );
    expect(result.failed, fc.defaultReportMessage(result)).toBe(false);
    expect(closed).toBeUndefined();
    expect(errors).not.toContain('internal');
    ws.close(closeCodes.normal);
    await expectStillServing();
  });
});
