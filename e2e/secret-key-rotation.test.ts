import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, readSecretKeyFile } from '@parley/server';
import { afterAll, expect, it } from 'vitest';
import { runParley } from './parley-cli.ts';

const home = await mkdtemp(join(tmpdir(), 'parley-rotate-cli-'));
afterAll(() => rm(home, { recursive: true, force: true }));

async function keyFile(name: string, text = randomBytes(32).toString('base64')) {
  const file = join(home, name);
  await writeFile(file, `${text}\n`, { mode: 0o600 });
  return file;
}

// Always on the embedded database: the command is the same for PostgreSQL with --database-url.
it('parley admin rotate-secret-key reseals a stopped server’s secrets and names a bad key file', async () => {
  const data = join(home, 'data');
  const oldKey = await keyFile('old.key');
  const newKey = await keyFile('new.key');
  const rotate = (args: string[]) =>
    runParley('', join(home, 'cli'), ['--json', 'admin', 'rotate-secret-key', '--data', data, ...args]);

  const secretKey = readSecretKeyFile(oldKey, 'PARLEY_SECRET_KEY_FILE');
  await (await createServer({ port: 0, host: '127.0.0.1', dataDir: data, secretKey })).close();

  const short = await rotate([
    '--key-file',
    oldKey,
    '--new-key-file',
    await keyFile('short.key', 'c2hvcnQ='),
  ]);
  expect(short.code).toBe(1);
  const refused = JSON.parse(short.stdout);
  expect(refused.error.code).toBe('invalid_setting');
  expect(refused.error.message).toContain('--new-key-file=');
  expect(refused.error.message).toContain('32 random bytes in base64');

  const done = await rotate(['--key-file', oldKey, '--new-key-file', newKey]);
  expect(done, done.stderr).toMatchObject({ code: 0 });
  expect(JSON.parse(done.stdout)).toEqual({ ok: true, resealed: 3 });

  const again = await rotate(['--key-file', oldKey, '--new-key-file', await keyFile('third.key')]);
  expect(again.code).toBe(1);
  expect(JSON.parse(again.stdout).error).toMatchObject({
    code: 'secret_key_mismatch',
    message: expect.stringContaining('the secret key does not open'),
  });
});
