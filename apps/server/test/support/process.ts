import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const cli = fileURLToPath(new URL('../../../cli/bin/parley.mjs', import.meta.url));

/** A `parley serve` child process, as an operator runs it. */
export type ServerProcess = Readonly<{
  url: string;
  child: ChildProcess;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
  /** Everything the process has written to stdout (its JSON log lines) so far. */
  stdout: () => string;
}>;

/** Starts `parley serve`; `wrapper` runs it under another command (e.g. `prlimit` to lower its file limit). */
export async function spawnServer(
  args: readonly string[],
  wrapper: readonly string[] = [],
): Promise<ServerProcess> {
  const [command = process.execPath, ...rest] = [...wrapper, process.execPath];
  const child = spawn(command, [...rest, cli, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOST: '127.0.0.1' },
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 30_000);
    child.stdout?.on('data', () => {
      const match = /"event":"server.listening","port":(\d+)/.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };
  return { url: `http://127.0.0.1:${port}`, child, kill, stdout: () => stdout };
}

/** A fresh PostgreSQL schema for child processes, named in the URL's search_path, dropped by `drop`. */
export async function freshSchemaUrl(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `p_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}
