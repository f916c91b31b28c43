import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
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

/** Runs `parley` as a member would, with a profile directory of its own. */
async function parley(profile: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [cli, '--server', network.url, '--profile', join(home, profile), ...args],
    {
      env: { ...process.env, PARLEY_PASSPHRASE: `passphrase of ${profile}` },
      timeout: 120_000,
    },
  );
  return stdout.trim();
}
const json = async (profile: string, ...args: string[]) =>
  (await parley(profile, '--json', ...args))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

beforeAll(async () => {
  network = await startNetwork({ clients: 0 });
  home = await mkdtemp(join(tmpdir(), 'parley-cli-'));
});
afterAll(async () => {
  await network?.close();
  await rm(home, { recursive: true, force: true });
});

describe('the parley command', () => {
  it('registers, chats end to end, removes a member, and keeps the profile sealed on disk', async () => {
    await parley('ana', 'register', 'ana', '--jurisdiction', 'HK');
    await parley('ben', 'register', 'ben');
    await parley('cy', 'register', 'cyrus');
    const [created] = await json('ana', 'chat', 'new', 'plans', '--with', 'ben', '--with', 'cyrus');
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await parley('ana', 'send', created.id, 'meet at noon');
    const [received] = await json('ben', 'read');
    expect(received).toMatchObject({ conversation: created.id, from: 'ana', text: 'meet at noon' });
    expect(Date.parse(received.sentAt)).not.toBeNaN();
    expect(await json('ben', 'read')).toEqual([]);

    await parley('ben', 'send', 'plans', 'see you there');
    expect((await parley('ana', 'read', 'plans')).endsWith('ben: see you there')).toBe(true);
    const [listed] = await json('ana', 'chat', 'list');
    expect(listed).toMatchObject({
      id: created.id,
      name: 'plans',
      members: ['ana', 'ben', 'cyrus'],
      admins: ['ana'],
    });
    await expect(parley('ben', 'chat', 'remove', 'plans', 'cyrus')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Only the conversation's admins"),
    });

    await parley('ana', 'chat', 'remove', 'plans', 'cyrus');
    await parley('ana', 'send', 'plans', 'cyrus is gone');
    const benSees = await json('ben', 'read');
    expect(benSees.map((line) => [line.type, line.text])).toEqual([
      ['roster', 'ana removed cyrus'],
      ['message', 'cyrus is gone'],
    ]);
    expect(benSees[0]).toMatchObject({ by: 'ana', removed: [{ username: 'cyrus' }], added: [] });
    expect(await parley('ana', 'chat', 'admin', 'plans', 'ben')).toContain('Admins: ana, ben.');
    const cyrusReads = await json('cy', 'read');
    expect(cyrusReads.map((m) => m.text)).toEqual(['meet at noon', 'see you there']);
    expect(await json('cy', 'chat', 'list')).toMatchObject([{ id: created.id, status: 'removed' }]);

    const [ana] = await json('ana', 'safety-number', 'ben');
    expect(ana).toMatchObject({
      safetyNumber: expect.stringMatching(/^(\d{5} ){11}\d{5}$/),
      verifiedOn: null,
    });
    const [ben] = await json('ben', 'safety-number', 'ana', '--mark-verified');
    expect(ben.safetyNumber).toBe(ana.safetyNumber);
    expect(ben.verifiedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await parley('ben', 'safety-number', 'ana')).endsWith(`verified on ${ben.verifiedOn}`)).toBe(
      true,
    );

    for (const file of await readdir(join(home, 'ana'))) {
      const bytes = await readFile(join(home, 'ana', file));
      expect(bytes.includes('meet at noon')).toBe(false);
      expect(bytes.includes('plans')).toBe(false);
    }
    // Each command is a process that starts, unseals the profile (scrypt at 128 MiB, about a second when the
    // machine is idle) and logs in: allow for a busy machine.
  }, 600_000);

  it('replies to a message by its number, quoting it, and reacts to one with an emoji', async () => {
    await json('ben', 'read');
    const [asked] = await json('ana', 'send', 'plans', 'lunch at one?');
    await parley('ben', 'send', 'plans', 'yes, see you', '--reply-to', `#${asked.seq}`);
    expect(await parley('ben', 'react', 'plans', String(asked.seq), '👍')).toMatch(/^Reacted 👍 to #\d+/);
    await expect(parley('ben', 'react', 'plans', String(asked.seq), 'nice')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is not an emoji'),
    });
    const seen = (await json('ana', 'read', 'plans')).filter((line) => line.type !== 'roster');
    expect(seen).toMatchObject([
      {
        type: 'message',
        text: 'yes, see you',
        replyTo: { seq: asked.seq, from: 'ana', excerpt: 'lunch at one?' },
      },
      { type: 'reaction', target: asked.seq, emoji: '👍', text: 'reacted 👍 to “lunch at one?”' },
    ]);
    await parley('ben', 'send', 'plans', 'and dessert', '--reply-to', `${seen[0].seq}`);
    expect(await parley('ana', 'read', 'plans')).toMatch(
      /\] #\d+ ben: \(reply to #\d+ ben: “yes, see you”\) and dessert$/,
    );
  }, 300_000);

  it('links a second device, then removes it: out of the list, and it can no longer sign in', async () => {
    const link = spawn(
      process.execPath,
      [
        cli,
        '--server',
        network.url,
        '--profile',
        join(home, 'ana-phone'),
        '--json',
        'link',
        'ana',
        '--wait',
        '120',
      ],
      { env: { ...process.env, PARLEY_PASSPHRASE: 'passphrase of ana-phone' } },
    );
    const lines: string[] = [];
    let buffered = '';
    link.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      lines.push(...parts.filter((l) => l !== ''));
    });
    const exited = new Promise<number | null>((resolve) => link.on('exit', resolve));
    while (lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const { code } = JSON.parse(lines[0] ?? '{}');
    const [approved] = await json('ana', 'devices', 'approve', code);
    expect(approved.accountCode).toMatch(/^\d{5}( \d{5}){5}$/);
    // The new device checks the account key against the code the approving device printed.
    link.stdin.end(`${approved.accountCode}\n`);
    expect(await exited).toBe(0);
    const phone = JSON.parse(lines[1] ?? '{}').deviceId;
    expect((await json('ana', 'devices')).map((d) => d.deviceId)).toContain(phone);

    const [removed] = await json('ana', 'devices', 'remove', phone);
    expect(removed).toEqual({ removed: phone });
    expect((await json('ana', 'devices')).map((d) => d.deviceId)).not.toContain(phone);
    await expect(parley('ana-phone', 'read')).rejects.toMatchObject({ code: 1 });
  }, 300_000);

  it('refuses a wrong passphrase and reports a bad command with a non-zero exit', async () => {
    await expect(
      run(process.execPath, [cli, '--server', network.url, '--profile', join(home, 'ana'), 'devices'], {
        env: { ...process.env, PARLEY_PASSPHRASE: 'wrong' },
      }),
    ).rejects.toMatchObject({ code: 1 });
    await expect(parley('ana', 'send')).rejects.toMatchObject({ code: 1 });
    const short = run(
      process.execPath,
      [cli, '--server', network.url, '--profile', join(home, 'dee'), 'register', 'dee'],
      {
        env: { ...process.env, PARLEY_PASSPHRASE: 'dee123' },
      },
    );
    await expect(short).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('a new profile needs a passphrase of at least 12 characters'),
    });
  });
});
