/**
 * The XMPP peers, ejabberd 23.01 and Prosody 0.12 from Debian's packages, each started by the runner on a
 * fresh spool with its own configuration: loopback only, no TLS, no shapers or rate limits, plain password
 * storage and in-band registration so the generator can create its accounts quickly, MUC for S3, stream
 * management off (routing runs). Why no TLS: Parley is measured over plain WebSocket on loopback (TLS would
 * be terminated in front of it), so every target is measured without it.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../lib/child.ts';

/** A running peer: the process to sample (the BEAM or Lua VM itself), its port, and a bounded stop. */
export type Peer = Readonly<{ pid: number; port: number; stop: () => Promise<void> }>;

export type PeerName = 'ejabberd' | 'prosody';

const install = fileURLToPath(new URL('install-xmpp.sh', import.meta.url));
const ejabberdConfig = fileURLToPath(new URL('ejabberd.yml.in', import.meta.url));
const prosodyConfig = fileURLToPath(new URL('prosody.cfg.lua', import.meta.url));

/** Installs the peers from Debian's packages when missing (root only); throws with apt's error otherwise. */
export function ensureInstalled(): void {
  execFileSync('sh', [install], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10 * 60_000 });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

/** Polls until the port accepts a connection (bounded). */
async function waitForPort(port: number, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error('the peer exited while starting');
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing listened on ${port} after ${timeoutMs} ms`);
}

/** The pid of the process whose command line contains `needle` and whose name is `comm`. */
function findProcess(comm: string, needle: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== comm) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) return Number(entry);
    } catch {
      // Exited while we looked.
    }
  }
  return undefined;
}

const fill = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/@(\w+)@/g, (_, key: string) => values[key] ?? '');

/** Starts one peer on a free loopback port with a fresh spool; the spool is removed when it stops. */
export async function startPeer(name: PeerName): Promise<Peer> {
  const dir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  // The peers drop to their own users (ejabberdctl through su): they must read and write here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const node = `bench${process.pid}x${port}`;
  const values = { DIR: dir, PORT: String(port) };
  let command: string[];
  if (name === 'ejabberd') {
    writeFileSync(join(dir, 'ejabberd.yml'), fill(readFileSync(ejabberdConfig, 'utf8'), values));
    // Busy-waiting schedulers would charge idle spinning to ejabberd; the flags turn it off.
    writeFileSync(
      join(dir, 'ejabberdctl.cfg'),
      'ERL_OPTIONS="+sbwt none +sbwtdcpu none +sbwtdio none -env ERL_CRASH_DUMP_BYTES 0"\n' +
        `ERLANG_NODE=${node}@localhost\n`,
    );
    command = [
      'ejabberdctl',
      '--config',
      join(dir, 'ejabberd.yml'),
      '--ctl-config',
      join(dir, 'ejabberdctl.cfg'),
    ];
    command.push('--spool', join(dir, 'spool'), '--logs', dir, '--node', `${node}@localhost`, 'foreground');
  } else {
    writeFileSync(join(dir, 'prosody.cfg.lua'), fill(readFileSync(prosodyConfig, 'utf8'), values));
    command = ['prosody', '--config', join(dir, 'prosody.cfg.lua'), '-F'];
  }
  const [file = '', ...args] = command;
  const child = spawn(file, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-3000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    await waitForPort(port, 90_000, () => child.exitCode === null);
  } catch (error) {
    await stopChild(child, 2000);
    const log = join(dir, 'ejabberd.log');
    const more = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    cleanup();
    throw new Error(`${name} did not start: ${String(error)}\n${tail}\n${more}`);
  }
  const pid = (name === 'ejabberd' ? findProcess('beam.smp', node) : child.pid) ?? 0;
  const stop = async () => {
    // The VM itself gets SIGTERM (BEAM and Prosody both shut down cleanly on it), then the wrapper.
    if (pid !== 0 && pid !== child.pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    await stopChild(child, 10_000);
    if (pid !== 0 && findProcess('beam.smp', node) === pid) process.kill(pid, 'SIGKILL');
    cleanup();
  };
  return { pid, port, stop };
}
