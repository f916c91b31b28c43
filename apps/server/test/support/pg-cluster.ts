import { execFile } from 'node:child_process';
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

  private constructor(port: number, dir: string, bin: string) {
    this.port = port;
    this.#dir = dir;
    this.#bin = bin;
  }

  static async create(): Promise<PgCluster> {
    const dir = await mkdtemp(join(tmpdir(), 'parley-pg-'));
    const cluster = new PgCluster(await freePort(), dir, await binaries());
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(group.trim()));
    }
    await cluster.#pg('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
    await cluster.start();
    return cluster;
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
    await run(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : [...args], {
      cwd: this.#dir,
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop().catch(() => {});
    await rm(this.#dir, { recursive: true, force: true });
  }
}
