import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../apps/cli/bin/parley.mjs', import.meta.url));

export type CliResult = Readonly<{ code: number | null; stdout: string; stderr: string }>;

/**
 * Runs `parley` against `server` as one person (a profile directory of their own under `home`), with `stdin`
 * piped in (passwords are read from there, never from argv).
 */
export function runParley(
  server: string,
  profile: string,
  args: readonly string[],
  stdin = '',
  env: NodeJS.ProcessEnv = process.env,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--server', server, '--profile', profile, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** A `parley` bound to one server and a home directory, failing on a non-zero exit; `json` parses --json lines. */
export function parleyAt(server: string, home: string) {
  const run = async (who: string, args: readonly string[], stdin = '') => {
    const r = await runParley(server, join(home, who), args, stdin);
    if (r.code !== 0) throw new Error(`parley ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const json = async (who: string, args: readonly string[], stdin = '') =>
    (await run(who, ['--json', ...args], stdin))
      .split('\n')
      .filter((line) => line !== '')
      .map((line): unknown => JSON.parse(line));
  return {
    run,
    json,
    raw: (who: string, args: readonly string[]) => runParley(server, join(home, who), args),
  };
}
