import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { totpCode } from '@parley/server';
import { startNetwork } from '@parley/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parleyAt } from './parley-cli.ts';

const PASSWORD = 'the admin’s long passphrase';
const Credentials = z.object({ password: z.string(), totpSecret: z.string() });
const Line = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('staff'), username: z.string(), roles: z.array(z.string()) })
    .extend(Credentials.shape),
  z.object({ type: z.literal('officer'), email: z.string(), agency: z.string() }).extend(Credentials.shape),
  z.object({ type: z.literal('request'), reference: z.string(), state: z.string(), label: z.string() }),
  z.object({ type: z.literal('policy'), jurisdiction: z.string(), status: z.string(), since: z.string() }),
  z.object({ type: z.literal('warning'), text: z.string() }),
  z.object({ type: z.literal('report'), period: z.string(), index: z.number() }),
  z.object({ type: z.enum(['heading', 'agency', 'members', 'next']) }),
]);
type Line = z.infer<typeof Line>;
const Case = z.object({ reference: z.string(), state: z.string() });

let network: Awaited<ReturnType<typeof startNetwork>>;
let home: string;
let parley: ReturnType<typeof parleyAt>;
let printed: Line[];
/** What `staff login` / `officer login` printed for the people the tests sign in as. */
const signedIn: string[] = [];

/** Signs in with printed credentials; the next step's code, since the demo used the current one. */
const login = (
  kind: 'staff' | 'officer',
  name: string,
  who: Readonly<{ password: string; totpSecret: string }>,
) =>
  parley.run(
    name,
    [kind, 'login', name, '--code', totpCode(who.totpSecret, new Date(Date.now() + 30_000))],
    `${who.password}\n`,
  );

function person<T extends Line['type']>(type: T, name: string): Extract<Line, { type: T }> {
  const found = printed.find(
    (l): l is Extract<Line, { type: T }> =>
      l.type === type && (('username' in l && l.username === name) || ('email' in l && l.email === name)),
  );
  if (found === undefined) throw new Error(`the demo printed no ${type} ${name}`);
  return found;
}
const requestLabelled = (text: string) => {
  const r = printed.find((l) => l.type === 'request' && l.label.includes(text));
  if (r?.type !== 'request') throw new Error(`the demo printed no request "${text}"`);
  return r.reference;
};

beforeAll(async () => {
  network = await startNetwork({ clients: 0 });
  home = await mkdtemp(join(tmpdir(), 'parley-demo-'));
  parley = parleyAt(network.url, home);
  const admin = await network.server.context.governance.registry.initFirstAdmin({
    username: 'admin',
    displayName: 'Operator',
    password: PASSWORD,
  });
  await login('staff', 'admin', { password: PASSWORD, totpSecret: admin.totpSecret });
  printed = (await parley.json('admin', ['demo'])).map((l) => Line.parse(l));
  signedIn.push(await login('staff', 'audrey', person('staff', 'audrey')));
  for (const email of ['inspector.wong@police.gov.hk', 'agent.smith@fbi.gov'])
    signedIn.push(await login('officer', email, person('officer', email)));
}, 180_000);
afterAll(async () => {
  await network?.close();
  await rm(home, { recursive: true, force: true });
});

describe('parley demo', () => {
  it('says it is demo data, and the printed staff and officers can sign in', async () => {
    expect(printed[0]).toMatchObject({ type: 'warning' });
    expect(printed[0]?.type === 'warning' && printed[0].text).toContain(
      'Never run `parley demo` against a production server',
    );
    const roles = printed.flatMap((l) => (l.type === 'staff' ? l.roles : []));
    expect(new Set(roles)).toEqual(
      new Set(['policy_admin', 'human_rights_lead', 'intake', 'legal_reviewer', 'auditor']),
    );
    expect(signedIn[0]).toContain('Signed in as auditor');
    expect(signedIn.slice(1)).toEqual([
      expect.stringContaining('Signed in'),
      expect.stringContaining('Signed in'),
    ]);
  });

  it('shows Hong Kong paused since 2020-07-06 with its assessment, recorded today', async () => {
    const policies = await parley.json('audrey', ['staff', 'policy', 'list']);
    expect(policies).toContainEqual(
      expect.objectContaining({
        jurisdiction: 'HK',
        status: 'PAUSED',
        effectiveFrom: '2020-07-06T00:00:00.000Z',
        assessment: expect.objectContaining({
          triggerDate: '2020-06-30',
          seniorSignOff: expect.objectContaining({ date: '2020-07-05' }),
        }),
        historical: expect.objectContaining({ recordedAt: expect.any(String) }),
      }),
    );
    const hk = z
      .object({ jurisdiction: z.string(), historical: z.object({ recordedAt: z.string() }) })
      .array()
      .parse(policies.filter((p) => z.object({ jurisdiction: z.literal('HK') }).safeParse(p).success));
    // Recorded during this run, about 2020.
    expect(Date.now() - Date.parse(hk[0]?.historical.recordedAt ?? '')).toBeLessThan(600_000);
    expect(await parley.run('audrey', ['staff', 'policy', 'list'])).toMatch(
      /HK\s+v1\s+PAUSED\s+since 2020-07-06/,
    );
    expect(policies).toContainEqual(expect.objectContaining({ jurisdiction: 'BR', status: 'REDIRECT_MLAT' }));
  });

  it('holds Hong Kong requests, and the report computed from the log says PAUSED since 2020-07-06', async () => {
    const mine = (await parley.json('inspector.wong@police.gov.hk', ['officer', 'status'])).map((c) =>
      Case.extend({ acknowledgement: z.string() }).parse(c),
    );
    expect(mine.map((c) => c.state).sort()).toEqual(['held_by_policy', 'rejected']);
    expect(mine.find((c) => c.state === 'held_by_policy')?.acknowledgement).toContain('paused');
    const held = (await parley.json('audrey', ['staff', 'queue', '--state', 'held_by_policy'])).map((c) =>
      Case.parse(c),
    );
    expect(held).toHaveLength(2);

    // The demo published the half-year's report into the log; anyone reads it and checks it against the log.
    const published = printed.find((l) => l.type === 'report');
    if (published?.type !== 'report') throw new Error('the demo published no report');
    const report = JSON.parse(
      await parley.run('reader', ['report', '--period', published.period, '--format', 'json']),
    );
    expect(
      report.rows.find(
        (r: { jurisdiction: string; requestClass: string }) =>
          r.jurisdiction === 'HK' && r.requestClass === 'legal_process',
      ),
    ).toMatchObject({
      policyStatus: 'PAUSED',
      policySince: '2020-07-06',
      requestsReceived: 1,
      pausedNotProcessed: 1,
      requestsWithDataProduced: 0,
    });
    const verified = await parley.raw('reader', [
      'verify',
      '--claim',
      'paused HK since 2020-07-06',
      '--claim',
      'no-production HK since 2020-07-06',
    ]);
    expect(verified.stdout).toContain('1 published reports recomputed from the log and found exact');
    expect(verified.stdout).toContain('claim "paused HK since 2020-07-06": HOLDS');
    // Requests under non-disclosure orders are sealed from their first event. Each seal states whether it is
    // a production, and the sealed production was logged while Hong Kong's pause barred every production:
    // the claim is decided without opening any seal, and the evidence says when the pause was recorded.
    expect(verified.stdout).toContain('claim "no-production HK since 2020-07-06": HOLDS');
    expect(verified.stdout).toMatch(
      /entry \d+: a sealed production in week \d{4}-W\d{2} is no HK request's: the gate refuses every production under the policy logged before it \(entry \d+: HK version \d+, PAUSED from 2020-07-06 \(emergencies: deny\), logged in week \d{4}-W\d{2}, after the fact/,
    );
    expect(verified.stdout).toMatch(
      /\d+ sealed events in the period could belong to HK requests; \d+ of them state they are no production/,
    );
    expect(verified.code).toBe(0);
  });

  it('has a request in every state it promises, narrowed, called back and produced', async () => {
    const states = new Set((await parley.json('audrey', ['staff', 'queue'])).map((c) => Case.parse(c).state));
    for (const state of [
      'received',
      'held_by_policy',
      'legal_review',
      'decision',
      'production',
      'notice_deferred',
      'notice',
      'rejected',
      'redirected',
      'withdrawn',
      'preserved',
    ])
      expect(states, state).toContain(state);

    const [narrowed] = await parley.json('audrey', ['staff', 'show', requestLabelled('narrowed')]);
    expect(narrowed).toMatchObject({
      detail: {
        categories: ['account_basic'],
        clarifications: [expect.objectContaining({ answer: 'No; account data is enough.' })],
      },
    });
    const [emergency] = await parley.json('audrey', ['staff', 'show', requestLabelled('call-back')]);
    expect(emergency).toMatchObject({
      detail: { callback: { numberDialed: '+1 202 324 3000', confirmed: true } },
    });
    const [awaiting] = await parley.json('audrey', ['staff', 'show', requestLabelled('second signature')]);
    expect(awaiting).toMatchObject({
      state: 'decision',
      detail: { proposal: expect.objectContaining({ outcome: 'disclose' }) },
    });

    // The package becomes downloadable once the "produced" event is under a signed checkpoint.
    const produced = requestLabelled('produced');
    const deadline = Date.now() + 30_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      const [view] = await parley.json('agent.smith@fbi.gov', ['officer', 'status', produced]);
      ready = z.object({ productionReady: z.boolean() }).parse(view).productionReady;
      if (!ready) await new Promise((r) => setTimeout(r, 500));
    }
    expect(ready).toBe(true);
  });

  it('refuses a second run with a clear message and changes nothing', async () => {
    const before = (await parley.json('audrey', ['staff', 'queue'])).length;
    const again = await parley.raw('admin', ['demo', '--force']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already has demo data');
    expect(again.stderr).toContain('nothing was changed');
    expect((await parley.json('audrey', ['staff', 'queue'])).length).toBe(before);
  });
});
