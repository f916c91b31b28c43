import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startNetwork } from '@parley/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../apps/cli/bin/parley.mjs', import.meta.url));

let network: Awaited<ReturnType<typeof startNetwork>>;
let home: string;

async function parley(profile: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [cli, '--server', network.url, '--profile', join(home, profile), ...args],
    { env: { ...process.env, PARLEY_PASSPHRASE: `passphrase of ${profile}` }, timeout: 120_000 },
  );
  return stdout;
}

beforeAll(async () => {
  network = await startNetwork({ clients: 0 });
  home = await mkdtemp(join(tmpdir(), 'parley-cli-escaping-'));
});
afterAll(async () => {
  await network?.close();
  await rm(home, { recursive: true, force: true });
});

describe('what the parley command prints from other people', () => {
  it('cannot forge a line from someone else, clear the screen or reorder text', async () => {
    await parley('alice', 'register', 'alice');
    await parley('bob', 'register', 'bob');
    const name = 'plans\n1234  alice-only\u202e';
    const created = JSON.parse(await parley('bob', '--json', 'chat', 'new', name, '--with', 'alice'));
    const forged = 'ok\n[12:00] alice: hi\x1b[2J\u2028\u009b';
    await parley('bob', 'send', created.id, forged);

    const printed = await parley('alice', 'read');
    const lines = printed.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[[^\]]+\] #\d+ bob: ok\\n\[12:00\] alice: hi\\x1b\[2J\\u2028\\x9b$/);
    for (const raw of ['\x1b', '\u2028', '\u009b']) expect(printed.includes(raw)).toBe(false);

    const listed = (await parley('alice', 'chat', 'list')).split('\n').filter((line) => line !== '');
    expect(listed).toEqual([`${created.id}  plans\\n1234  alice-only\\u202e  bob (admin), alice`]);
  }, 300_000);

  it('keeps --json exact, so a program reading it gets the message as sent', async () => {
    await parley('bob', 'send', 'plans\n1234  alice-only\u202e', 'second\x1b[31m');
    const [message] = (await parley('alice', '--json', 'read'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line));
    expect(message).toMatchObject({ from: 'bob', text: 'second\x1b[31m' });
  }, 300_000);
});
