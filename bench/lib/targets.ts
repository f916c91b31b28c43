import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { startPeer } from '../peers/xmpp-peers.ts';
import { type Service, startService } from './child.ts';
import type { Target } from './measure.ts';
import { backendPids, freshSchema } from './schema.ts';

const cli = fileURLToPath(new URL('../../apps/cli/bin/parley.mjs', import.meta.url));
const relay = fileURLToPath(new URL('../peers/ws-relay.ts', import.meta.url));

/** A server under test, started for one run: what to sample, where it listens, and how to clean up. */
export type Running = Readonly<{
  pid: number;
  /** The generator's --url: http://127.0.0.1:PORT, or xmpp://127.0.0.1:PORT for the XMPP peers. */
  url: string;
  dbPids: () => Promise<number[]>;
  stop: () => Promise<void>;
}>;

export type TargetOptions = Readonly<{
  databaseUrl: string;
  admin: pg.Client | undefined;
  /** Node flags for every Parley server process (--cpu-prof …). */
  serverNode: readonly string[];
  /**
   * S4: the open-files limit (soft and hard; Node raises its soft limit to the hard one at start) so that
   * the server's connection cap, soft − 1000, falls where the run wants its refusal.
   */
  openFiles?: number;
}>;

const http = (service: Service) => `http://127.0.0.1:${service.port}`;

function fromService(
  service: Service,
  dbPids: () => Promise<number[]>,
  cleanup: () => Promise<void>,
): Running {
  return {
    pid: service.pid,
    url: http(service),
    dbPids,
    stop: async () => {
      await service.stop();
      await cleanup();
    },
  };
}

/** Starts `target` on a free loopback port: Parley on a fresh PGlite directory or PostgreSQL schema, or a peer. */
export async function startTarget(target: Target, options: TargetOptions): Promise<Running> {
  const none = async () => [];
  if (target === 'relay') {
    const service = await startService(['--import', 'tsx', relay, '--port', '0']);
    return fromService(service, none, async () => {});
  }
  if (target === 'ejabberd' || target === 'prosody') {
    const peer = await startPeer(target);
    return { pid: peer.pid, url: `xmpp://127.0.0.1:${peer.port}`, dbPids: none, stop: peer.stop };
  }
  const limit = options.openFiles;
  // prlimit execs the command, so the pid the runner samples is the server's own.
  const prefix = limit === undefined ? [] : [`--nofile=${limit}:${limit}`, process.execPath];
  const serve = [...options.serverNode, cli, 'serve', '--port', '0'];
  const start = (store: readonly string[]) =>
    limit === undefined
      ? startService([...serve, ...store])
      : startService([...prefix, ...serve, ...store], 60_000, 'prlimit');
  if (target === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    const service = await start(['--data', join(dir, 'data')]);
    return fromService(service, none, async () => rmSync(dir, { recursive: true }));
  }
  const schema = await freshSchema(options.databaseUrl);
  const url = new URL(schema.url);
  const appName = `parley_bench_${process.pid}_${Date.now()}`;
  url.searchParams.set('application_name', appName);
  try {
    const service = await start(['--database-url', url.toString()]);
    const admin = options.admin;
    return fromService(service, async () => (admin ? backendPids(admin, appName) : []), schema.drop);
  } catch (error) {
    await schema.drop();
    throw error;
  }
}
