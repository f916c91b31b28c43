/**
 * `parley safety-number` tells the member where a contact stands against the key directory: verified at an
 * epoch, and refused with the reason (and an alert on standard error) once the operator's directory holds
 * another key for the contact than the one the server serves.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParley } from '../parley-cli.ts';
import { type Operator, operator } from './operator.ts';

describe('parley safety-number shows key transparency', () => {
  let net: TestNetwork;
  let db: Operator;
  let home: string;
  const parley = async (...args: string[]) => {
    const result = await runParley(net.url, join(home, 'ana'), args, '', {
      PARLEY_PASSPHRASE: 'passphrase of ana',
    });
    expect(result.code, result.stderr).toBe(0);
    return result;
  };

  beforeAll(async () => {
    net = await startNetwork({ clients: 0 });
    db = operator(net);
    home = await mkdtemp(join(tmpdir(), 'parley-kt-cli-'));
    await net.addClient('bob');
    await parley('register', 'ana');
  }, 120_000);
  afterAll(async () => {
    await net?.close();
    await rm(home, { recursive: true, force: true });
  });

  it('prints the epoch a contact was verified at, in words and as JSON', async () => {
    const epoch = net.server.context.keyDirectory.epochCount - 1;
    const text = await parley('safety-number', 'bob');
    expect(text.stdout.split('\n')[1]).toBe(
      `Verified by key transparency at epoch ${epoch}: the keys of bob are the ones the public key directory holds.`,
    );
    expect(text.stderr).toBe('');
    const json = await parley('--json', 'safety-number', 'bob');
    expect(JSON.parse(json.stdout)).toMatchObject({
      username: 'bob',
      keyTransparency: { status: 'verified', epoch },
    });
  }, 120_000);

  it('prints the refusal and an alert once the directory holds another key for the contact', async () => {
    await net.addClient('mallory');
    await db.publishAccount('bob', (await db.account('mallory')).accountKey);
    const text = await parley('safety-number', 'bob');
    const sentence =
      'The server showed keys for bob that its public key directory does not hold. Parley refused them.';
    expect(text.stdout.split('\n')[1]).toBe(`Refused (kt-mismatch): ${sentence}`);
    expect(text.stderr).toContain(`SECURITY ALERT: ${sentence}`);
    const json = await parley('--json', 'safety-number', 'bob');
    expect(JSON.parse(json.stdout)).toMatchObject({
      keyTransparency: { status: 'refused', problem: 'kt-mismatch' },
    });
  }, 120_000);
});
