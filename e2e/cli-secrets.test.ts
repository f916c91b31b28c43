/**
 * A passphrase or password typed at the terminal is not echoed: someone looking over the shoulder, a screen
 * recording or the terminal's scrollback must not show it. The CLI runs on a real pseudo-terminal
 * (util-linux `script`), and the test types only once the prompt is shown.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../apps/cli/bin/parley.mjs', import.meta.url));

/** Runs `args` on a terminal, answers `prompt` with `typed`, and returns everything the terminal showed. */
async function onTerminal(args: readonly string[], prompt: string, typed: string): Promise<string> {
  const command = [process.execPath, cli, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { ...process.env, PARLEY_PASSPHRASE: '' },
  });
  let screen = '';
  let answered = false;
  child.stdout.on('data', (chunk) => {
    screen += String(chunk);
    if (!answered && screen.includes(prompt)) {
      answered = true;
      child.stdin.write(`${typed}\r`);
    }
  });
  await new Promise((resolve) => child.once('exit', resolve));
  expect(answered).toBe(true);
  return screen;
}

it('does not echo the profile passphrase typed at the terminal', async () => {
  const profile = join(await mkdtemp(join(tmpdir(), 'parley-tty-')), 'profile');
  const secret = 'correct-horse-battery-staple-42';
  const screen = await onTerminal(
    ['--server', 'http://127.0.0.1:1', '--profile', profile, 'devices'],
    'Profile passphrase:',
    secret,
  );
  expect(screen).toContain('Profile passphrase:');
  expect(screen).not.toContain(secret);
  // It was read: the command went on to open the (missing) profile with it.
  expect(screen).toContain('no Parley profile');
});
