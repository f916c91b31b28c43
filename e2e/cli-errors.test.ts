/**
 * How `parley` fails, for the person at the terminal and for the script that runs it: a server it cannot
 * reach is its own exit code (5) and says where and why; with --json every error is one JSON line on stdout
 * carrying the server's error code.
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startNetwork } from '@parley/testkit';
import { describe, expect, it } from 'vitest';
import { freePort } from '../apps/server/test/support/free-port.ts';

const cli = fileURLToPath(new URL('../apps/cli/bin/parley.mjs', import.meta.url));

/** Runs parley and resolves with its exit code and output, whatever the code. */
async function parley(args: readonly string[]) {
  const home = await mkdtemp(join(tmpdir(), 'parley-errors-'));
  const done = await promisify(execFile)(process.execPath, [cli, '--profile', join(home, 'p'), ...args], {
    env: { ...process.env, PARLEY_PASSPHRASE: 'a passphrase for the test' },
    timeout: 60_000,
  }).then(
    (ok) => ({ code: 0, ...ok }),
    (failed: { code: number; stdout: string; stderr: string }) => failed,
  );
  return { code: done.code, stdout: String(done.stdout), stderr: String(done.stderr) };
}

describe('parley failing', () => {
  it('exits 5 naming the server and the reason when nothing answers, for verify and any other command', async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const verify = await parley(['--server', nobody, 'verify']);
    expect(verify.code).toBe(5);
    expect(verify.stderr).toBe(`parley: could not reach the server at ${nobody}: connection refused\n`);
    const register = await parley(['--server', nobody, '--json', 'register', 'zed']);
    expect(register.code).toBe(5);
    expect(JSON.parse(register.stdout)).toEqual({
      ok: false,
      error: { code: 'unreachable', message: `could not reach the server at ${nobody}: connection refused` },
    });
  });

  it('prints a refusal as JSON with the server’s code under --json, and nothing on stderr', async () => {
    await using network = await startNetwork({ clients: 0 });
    expect((await parley(['--server', network.url, 'register', 'taken'])).code).toBe(0);
    const again = await parley(['--server', network.url, '--json', 'register', 'taken']);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'username_taken' } });
  });
});
