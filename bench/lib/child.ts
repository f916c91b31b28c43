import { type ChildProcess, spawn } from 'node:child_process';

/** A child process the runner started, with the port it announced and a bounded stop. */
export type Service = Readonly<{ pid: number; port: number; child: ChildProcess; stop: () => Promise<void> }>;

/**
 * Spawns `node args…` (or `command args…`, for a wrapper that execs node) and waits (bounded) for the
 * `server.listening` log line. Its output is read all the time, because a child blocked on a full stdout
 * pipe would look like a slow server.
 */
export async function startService(
  args: readonly string[],
  timeoutMs = 60_000,
  command = process.execPath,
): Promise<Service> {
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOST: '127.0.0.1' },
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
  };
  child.stderr?.on('data', keep);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not start: ${tail}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      const match = /"event":"server\.listening","port":(\d+)/.exec(tail);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited with ${code}: ${tail}`));
    });
  });
  const pid = child.pid ?? 0;
  return { pid, port, child, stop: () => stopChild(child) };
}

/** SIGTERM, then SIGKILL after `graceMs`: every run stops by itself. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
