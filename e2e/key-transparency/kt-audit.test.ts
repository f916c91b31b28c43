/**
 * `parley kt audit` against a real server (PGlite, or PostgreSQL when PARLEY_TEST_DATABASE_URL is set): a
 * third party audits every epoch of the key directory, resumes from its state, and catches an operator that
 * rewrites an old epoch in its own database or hides a change from the log. Each test asserts what the
 * auditor sees: its exit code and the problem it names.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  auditKeyDirectory,
  DeviceListRefusedError,
  HttpClient,
  type KtAuditState,
  type KtAuditStateStore,
} from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { nextEvent } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParley } from '../parley-cli.ts';
import { linkDevice } from '../roster/roster-support.ts';
import { forgingFront } from './forging-front.ts';
import { type Operator, operator } from './operator.ts';

let net: TestNetwork;
let db: Operator;
let home: string;
beforeAll(async () => {
  net = await startNetwork();
  db = operator(net);
  home = await mkdtemp(join(tmpdir(), 'parley-kt-audit-'));
});
afterAll(async () => {
  await net?.close();
  await rm(home, { recursive: true, force: true });
});

/** Runs `parley --json kt audit` against `server` with a state directory under the test's home. */
async function audit(server: string, state?: string): Promise<Record<string, unknown>> {
  const args = ['--json', 'kt', 'audit', ...(state === undefined ? [] : ['--state', join(home, state)])];
  const result = await runParley(server, join(home, 'profile'), args);
  const line: Record<string, unknown> = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}');
  return { code: result.code, ...line };
}

const epochs = () => net.server.context.keyDirectory.epochCount;

describe('parley kt audit', () => {
  it('audits every epoch of registrations and device-list changes, then only the epochs added since', async () => {
    const alice = await net.addClient('alice');
    await net.addClient('bob');
    const laptop = await linkDevice(net, alice);
    await alice.removeDevice(laptop.deviceId);
    const first = await audit(net.url, 'clean');
    expect(first).toMatchObject({ code: 0, ok: true, size: epochs(), audited: epochs(), labels: 2 });
    // Two registrations, a device added and one removed: four versions, each in an epoch.
    expect(first.events).toBe(4);
    const state = JSON.parse(await readFile(join(home, 'clean', 'kt-audit.json'), 'utf8'));
    expect(Object.values(state.labels).sort()).toEqual([1, 3]);

    await net.addClient('carol');
    const second = await audit(net.url, 'clean');
    expect(second).toMatchObject({ code: 0, ok: true, size: epochs(), audited: 1, events: 1, labels: 3 });

    const human = await runParley(net.url, join(home, 'profile'), ['kt', 'audit']);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`audited parley.example/log/kt: ${epochs()} epochs, 3 accounts`);
  });

  it('catches an operator that rewrites an old version in its database and restarts, as a contact does', async () => {
    await net.addClient('dave');
    const erin = await net.addClient('erin');
    await erin.devices('dave');
    expect((await audit(net.url, 'before-rewrite')).code).toBe(0);

    // The operator gives alice's first version another opening, so another commitment: every root from
    // that epoch on changes, and it re-signs them all with its own key before reloading.
    await db.rewriteVersion('alice', 1);
    const fresh = await audit(net.url, 'after-rewrite');
    expect(fresh).toMatchObject({ code: 0, ok: true });
    const caught = await audit(net.url, 'before-rewrite');
    expect(caught).toMatchObject({ code: 2, ok: false, problem: 'fork' });
    expect(caught.message).toContain('does not extend the one audited before');
    // The auditor does not move on: the next run refuses the same way, on a terminal too.
    const again = await runParley(net.url, join(home, 'profile'), [
      'kt',
      'audit',
      '--state',
      join(home, 'before-rewrite'),
    ]);
    expect(again.code).toBe(2);
    expect(again.stdout).toMatch(/^key directory audit FAILED \(fork\): the directory's log does not extend/);

    await net.addClient('frank');
    const alert = nextEvent(erin, 'security-alert', (e) => e.problem === 'kt-fork');
    await expect(erin.devices('frank')).rejects.toThrow(DeviceListRefusedError);
    expect((await alert).username).toBe('frank');
  });

  it('refuses an epoch whose audit proof hides a change the log does not record', async () => {
    const grace = await net.addClient('grace');
    expect((await audit(net.url, 'before-hiding')).code).toBe(0);
    await linkDevice(net, grace);
    const hidden = epochs() - 1;
    // The server changed grace's entry (a new device) but logs the epoch with no key event.
    await using front = await forgingFront(net, () => []);
    for (const state of ['before-hiding', undefined]) {
      const refused = await audit(front.url, state);
      expect(refused).toMatchObject({ code: 2, ok: false, problem: 'unlogged_change', epoch: hidden });
    }
    // The auditor keeps the signed checkpoint it was shown: the real log, of the same size, is a fork of it.
    expect((await audit(net.url, 'before-hiding')).problem).toBe('fork');
    expect((await audit(net.url, 'after-hiding')).code).toBe(0);
  });

  it('refuses a version that does not follow the one the auditor saw last, which no single epoch shows', async () => {
    const hana = await net.addClient('hana');
    expect((await audit(net.url, 'before-skip')).code).toBe(0);
    await linkDevice(net, hana);
    // The tree holds hana's new entry; the log calls it version 3, as if a version 2 had been hidden.
    await using front = await forgingFront(net, (events) =>
      events.map((e) => ({ ...e, version: e.version + 1 })),
    );
    const refused = await audit(front.url, 'before-skip');
    expect(refused).toMatchObject({ code: 2, ok: false, problem: 'history_invalid', epoch: epochs() - 1 });
    expect(refused.message).toContain('from version 1 to 3');
  });

  it('refuses a directory whose keys changed since they were pinned, and reports an unreachable server apart', async () => {
    expect((await audit(net.url, 'pinned')).code).toBe(0);
    const path = join(home, 'pinned', 'kt-audit.json');
    const state = JSON.parse(await readFile(path, 'utf8'));
    const other = { ...state, keys: { ...state.keys, vrfPublicKey: 'A'.repeat(43) } };
    await writeFile(path, JSON.stringify(other));
    expect(await audit(net.url, 'pinned')).toMatchObject({ code: 2, ok: false, problem: 'keys-changed' });
    const nobody = await audit('http://127.0.0.1:1', 'pinned');
    expect(nobody).toMatchObject({ code: 5, ok: false, error: { code: 'unreachable' } });
  });

  it('resumes an audit interrupted after an epoch from the state saved for that epoch', async () => {
    for (const name of ['ines', 'juno']) await net.addClient(name);
    let saved: KtAuditState | undefined;
    let saves = 0;
    // The first save pins the keys and checkpoint, then one follows each epoch: the third never lands.
    const interrupted: KtAuditStateStore = {
      load: async () => saved,
      async save(state) {
        if (++saves === 3) throw new Error('the auditor was stopped');
        saved = state;
      },
    };
    const http = new HttpClient({ baseUrl: net.url });
    await expect(auditKeyDirectory({ http, store: interrupted })).rejects.toThrow('the auditor was stopped');
    expect(saved?.audited).toBe(1);
    const resumed = await auditKeyDirectory({ http, store: interrupted });
    expect(resumed).toMatchObject({ size: epochs(), audited: epochs() - 1 });
    expect(saved?.audited).toBe(epochs());
  });
});
