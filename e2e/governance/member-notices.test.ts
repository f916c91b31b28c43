import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MemoryStore, ParleyClient } from '@parley/sdk';
import { nodeSocketFactory } from '@parley/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGovWorld } from './gov-driver.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../apps/cli/bin/parley.mjs', import.meta.url));
const DAY = 24 * 3600_000;

let world: Awaited<ReturnType<typeof startGovWorld>>;
let home: string;
let carol: ParleyClient;

async function parley(...args: string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [cli, '--server', world.url, '--profile', join(home, 'alice'), ...args],
    { env: { ...process.env, PARLEY_PASSPHRASE: 'alice passphrase' }, timeout: 120_000 },
  );
  return stdout.trim();
}

beforeAll(async () => {
  world = await startGovWorld();
  home = await mkdtemp(join(tmpdir(), 'parley-notices-'));
  await parley('register', 'alice', '--jurisdiction', 'US');
  carol = new ParleyClient({
    serverUrl: world.url,
    store: new MemoryStore(),
    socketFactory: nodeSocketFactory,
  });
  await carol.register('carol');
  await carol.connect();
});
afterAll(async () => {
  await carol?.close();
  await world?.server.close();
  await rm(home, { recursive: true, force: true });
});

describe('a member learns of a request once its non-disclosure order lapses', () => {
  it('shows nothing under the order, then the notice on the sdk (live) and in `parley notices`', async () => {
    const reference = await world.disclosedUnderOrder(['alice', 'carol'], '2026-04-15');
    expect(await carol.notices()).toEqual([]);
    expect(await parley('notices')).toBe('No notices.');

    world.clock.advance(5 * DAY);
    await world.server.sweepGovernance();
    expect(await carol.notices()).toEqual([]);

    const told = new Promise<string>((resolve) => carol.on('notice', (event) => resolve(event.id)));
    world.clock.advance(10 * DAY);
    await world.server.sweepGovernance();
    const id = await told;
    const [notice] = await carol.notices();
    expect(notice).toMatchObject({
      id,
      requestType: 'legal_process',
      jurisdiction: 'US',
      authorityKind: 'police',
      categoriesRequested: ['account_basic', 'devices'],
      categoriesDisclosed: ['account_basic'],
      dateRange: { from: '2026-01-01', to: '2026-03-31' },
      receivedOn: '2026-04-01',
      delayedByOrder: true,
    });

    const [line, ...more] = (await parley('--json', 'notices')).split('\n');
    expect(more).toEqual([]);
    const shown = JSON.parse(line ?? '{}');
    expect(shown).toMatchObject({ requestType: 'legal_process', jurisdictionName: 'United States' });
    expect(shown.id).not.toBe(id);
    const text = await parley('notices');
    expect(text).toContain('police in United States (US) sent a legal process request on 2026-04-01');
    expect(text).toContain('disclosed: account_basic');
    expect(text).toContain('delayed by a non-disclosure order');
    for (const secret of [reference, 'NDO-E2E-9', 'Clerk', 'fbi.gov', 'PDF'])
      expect(`${text}${JSON.stringify(shown)}`).not.toContain(secret);
  });
});
