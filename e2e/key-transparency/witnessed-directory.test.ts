/**
 * The key directory's epochs cosigned by a real `parley witness` process, and clients that require the
 * quorum: a contact verified once the witness cosigned, nothing believed while it is down, and a forked
 * directory the operator signed with its own note key refused because no witness will cosign it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KtKeys, ktRoutes } from '@parley/protocol';
import { DeviceListRefusedError } from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { nextEvent } from '@parley/testkit/events';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../apps/server/test/support/free-port.ts';
import { runParley } from '../parley-cli.ts';
import { startWitnessCli, writeWitnessKey } from '../transparency-log/log-network.ts';
import { operator } from './operator.ts';

describe('witnessed key directory', () => {
  let home: string;
  let net: TestNetwork;
  let witnessKey: string;
  let logKeys: string[];
  let port: number;
  let witness: Awaited<ReturnType<typeof startWitnessCli>> | undefined;
  const refusals: number[] = [];
  const quorum = () => ({ witnesses: [witnessKey], quorum: 1 });
  /** `parley --json` as ida, requiring the witness's cosignature of `n` directory epochs (default 1). */
  const ida = (args: readonly string[], n = 1) =>
    runParley(
      net.url,
      join(home, 'ida'),
      ['--json', '--kt-witness-key', witnessKey, '--kt-quorum', String(n), ...args],
      '',
      { ...process.env, PARLEY_PASSPHRASE: 'passphrase of ida' },
    );
  const lastLine = (out: string): unknown => JSON.parse(out.trim().split('\n').at(-1) ?? 'null');
  const startWitness = async () => {
    witness = await startWitnessCli(join(home, 'witness.key'), join(home, 'state'), logKeys, port);
  };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'parley-kt-witness-'));
    witnessKey = await writeWitnessKey(join(home, 'witness.key'), 'witness.kt.e2e.example');
    port = await freePort();
    net = await startNetwork({
      server: {
        logWitnesses: [{ url: `http://127.0.0.1:${port}`, vkey: witnessKey }],
        // The epoch timer is also what retries a checkpoint a witness missed.
        ktEpochIntervalMs: 100,
        log: (event, fields) => {
          if (event === 'kt.witness_refused' && typeof fields?.status === 'number')
            refusals.push(fields.status);
        },
      },
    });
    // The operator step: the witness is given the directory's note key as published by `ktKeys`.
    const published = KtKeys.parse(await (await fetch(`${net.url}${ktRoutes.ktKeys.path}`)).json());
    logKeys = [net.server.context.transparencyLog.key.vkey, published.noteKey];
    await startWitness();
  });
  afterAll(async () => {
    await net?.close();
    await witness?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('cosigns each new epoch at once, so a contact requiring the quorum verifies a new account', async () => {
    const alice = await net.addClient('alice', { witnesses: quorum() });
    const started = performance.now();
    await net.addClient('bob', { witnesses: quorum() });
    await alice.devices('bob');
    const ms = Math.round(performance.now() - started);
    console.log(
      `kt witness latency: ${ms} ms from bob's registration to alice verifying him under a quorum of 1`,
    );
    expect(await alice.keyTransparency('bob')).toBe('verified');

    const served = await (await fetch(`${net.url}${ktRoutes.ktCheckpoint.path}`)).json();
    expect(String(Reflect.get(Object(served), 'checkpoint'))).toContain('— witness.kt.e2e.example ');
    expect(refusals).toEqual([]);
  });

  it('keeps the cosignatures it stored append-only, like the epochs they cosign', async () => {
    const db = net.server.context.db;
    await expect(sql`update kt_cosignatures set line = ''`.execute(db)).rejects.toThrow(
      /kt_cosignatures is append-only: UPDATE refused/,
    );
    await expect(sql`delete from kt_cosignatures`.execute(db)).rejects.toThrow(/append-only: DELETE refused/);
  });

  it('refuses a contact with an alert while the witness is down, and verifies it once the epoch is cosigned', async () => {
    const alice = await net.addClient('alice2', { witnesses: quorum() });
    expect((await ida(['register', 'ida'])).code).toBe(0);
    await witness?.stop();
    // carol's own device does not require a quorum: her registration publishes an epoch nobody cosigns.
    await net.addClient('carol');
    const alert = nextEvent(alice, 'security-alert', (e) => e.username === 'carol');
    await expect(alice.devices('carol')).rejects.toThrow(DeviceListRefusedError);
    expect((await alert).problem).toBe('kt-unwitnessed');
    expect(await alice.keyTransparency('carol')).toBeUndefined();
    // The command line refuses the same way: the alert on standard error, the problem as the error code.
    const refused = await ida(['safety-number', 'carol']);
    expect(refused.code).toBe(1);
    expect(lastLine(refused.stdout)).toMatchObject({ ok: false, error: { code: 'kt-unwitnessed' } });
    expect(refused.stderr).toContain("SECURITY ALERT: The server's key directory showed keys for carol");

    await startWitness();
    // The epoch timer pushes the checkpoint again; alice keeps asking until it carries the cosignature.
    for (;;) {
      try {
        await alice.devices('carol');
        break;
      } catch (error) {
        if (!(error instanceof DeviceListRefusedError) || error.problem !== 'kt-unwitnessed') throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    expect(await alice.keyTransparency('carol')).toBe('verified');
    expect((await ida(['safety-number', 'carol'])).code).toBe(0);
  });

  it('refuses a witness policy the command line cannot meet or read', async () => {
    const invalid = { ok: false, error: { code: 'invalid-witness-policy' } };
    const short = await ida(['devices'], 2);
    expect(short.code).toBe(1);
    expect(lastLine(short.stdout)).toMatchObject(invalid);
    const unreadable = await ida(['--kt-witness-key', 'witness+not-a-key', 'devices']);
    expect(unreadable.code).toBe(1);
    expect(lastLine(unreadable.stdout)).toMatchObject(invalid);
  });

  it('refuses a forked directory the witness would not cosign, which a client without a quorum accepts', async () => {
    const seen = net.server.context.keyDirectory.epochCount;
    // The operator drops its history and signs another, one epoch longer, with the directory's own key.
    await operator(net).rewriteEpochs(seen + 1);
    await net.server.context.keyDirectory.witness();
    // A shorter or equal fork is refused as not extending what the witness cosigned (409), a longer one
    // for its consistency proof (422); the epoch timer may have pushed the fork's first epochs as well.
    expect(refusals).toContain(422);
    expect(refusals.filter((status) => status !== 409 && status !== 422)).toEqual([]);
    const served = await (await fetch(`${net.url}${ktRoutes.ktCheckpoint.path}`)).json();
    expect(String(Reflect.get(Object(served), 'checkpoint'))).not.toContain('— witness.kt.e2e.example ');

    // A newcomer shown the fork from its first lookup has no earlier checkpoint to find a fork against.
    const trusting = await net.addClient('dave');
    await trusting.devices('alice');
    expect(await trusting.keyTransparency('alice')).toBe('verified');

    // A member whose client requires the quorum still registers (its own account needs no directory
    // entry on its own device), but refuses every contact the fork shows it.
    const careful = net.blankClient({ witnesses: quorum() });
    await careful.register('erin');
    const alert = nextEvent(careful, 'security-alert', (e) => e.username === 'alice');
    await expect(careful.devices('alice')).rejects.toThrow(DeviceListRefusedError);
    expect((await alert).problem).toBe('kt-unwitnessed');
  });
});
