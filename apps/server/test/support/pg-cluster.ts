import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);

async function binaries(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', versions[0], 'bin');
}

/**
 * A PostgreSQL cluster of a test's own, made with the machine's `initdb` in a temporary directory, so a test
 * can stop and restart it under a running server without disturbing the shared server other tests use.
 * PostgreSQL will not run as root, so as root (CI) it runs as the `postgres` user.
 */
export class PgCluster implements AsyncDisposable {
  readonly port: number;
  readonly #dir: string;
  readonly #bin: string;
  /** With a disk of its own: the process holding the mount namespace its tmpfs lives in. */
  readonly #holder: ChildProcess | undefined;

  private constructor(port: number, dir: string, bin: string, holder?: ChildProcess) {
    this.port = port;
    this.#dir = dir;
    this.#bin = bin;
    this.#holder = holder;
  }

  /**
   * `diskMb` gives the cluster a disk of that size of its own (a tmpfs in a private mount namespace, which
   * needs root, as CI runs), so a test can fill it; `ballast` names a file on it, as seen from outside.
   */
  static async create(options: Readonly<{ diskMb?: number }> = {}): Promise<PgCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'parley-pg-'));
    const holder = options.diskMb === undefined ? undefined : await mountDisk(dir, options.diskMb);
    const cluster = new PgCluster(await freePort(), dir, await binaries(), holder);
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(group.trim()));
    }
    await cluster.#pg('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
    await cluster.start();
    return cluster;
  }

  /** A file on the cluster's own disk, reachable from outside its mount namespace. */
  get ballast(): string {
    if (!this.#holder?.pid) throw new Error('this cluster has no disk of its own');
    return `/proc/${this.#holder.pid}/root${this.#dir}/ballast`;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    await this.#ctl('start', ['-w', '-o', `-p ${this.port} -k ${this.#dir} -c listen_addresses=127.0.0.1`]);
  }

  /** `pg_ctl stop -m fast`: what a restart or failover does to connected clients. */
  async stop(): Promise<void> {
    await this.#ctl('stop', ['-m', 'fast', '-w']);
  }

  async #ctl(action: string, args: readonly string[]): Promise<void> {
    await this.#pg('pg_ctl', [action, '-D', join(this.#dir, 'data'), '-l', join(this.#dir, 'log'), ...args]);
  }

  async #pg(program: string, args: readonly string[]): Promise<void> {
    const command = join(this.#bin, program);
    const asRoot = process.getuid?.() === 0;
    const argv = asRoot ? ['runuser', '-u', 'postgres', '--', command, ...args] : [command, ...args];
    const inNamespace = this.#holder?.pid
      ? ['nsenter', '-t', String(this.#holder.pid), '-m', '--', ...argv]
      : argv;
    const [file = command, ...rest] = inNamespace;
    await run(file, rest, { cwd: this.#dir });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop().catch(() => {});
    this.#holder?.kill();
    await rm(this.#dir, { recursive: true, force: true });
  }
}

/** Mounts a tmpfs of `sizeMb` on `dir` in a new mount namespace, held open by a sleeping process. */
async function mountDisk(dir: string, sizeMb: number): Promise<ChildProcess> {
  if (process.getuid?.() !== 0)
    throw new Error('a cluster with a disk of its own needs root (CI runs as root)');
  const script = `mount -t tmpfs -o size=${sizeMb}m tmpfs "$0" && chown postgres:postgres "$0" && echo mounted && exec sleep infinity`;
  const holder = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [chunk] = await once(holder.stdout, 'data');
  if (!String(chunk).includes('mounted'))
    throw new Error(`could not mount a disk for PostgreSQL: ${String(chunk)}`);
  return holder;
}
