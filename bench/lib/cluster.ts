import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { type Service, startService, stopChild } from './child.ts';
import type { Sample } from './measure.ts';
import { machineBusyTicks, processMemory, processTicks } from './proc.ts';
import { backendPids, freshSchema } from './schema.ts';

const cli = fileURLToPath(new URL('../../apps/cli/bin/parley.mjs', import.meta.url));

export type ClusterOptions = Readonly<{
  /** The PostgreSQL server every node shares; the cluster gets a fresh schema on it. */
  databaseUrl: string;
  natsUrl: string;
  /** Lists the nodes' PostgreSQL backends; without it database CPU is not sampled. */
  admin: pg.Client | undefined;
  /** Node flags for every server process (--cpu-prof …). */
  serverNode: readonly string[];
}>;

/** N `parley serve` processes on one PostgreSQL schema, fanning out to each other over NATS. */
export type Cluster = Readonly<{
  /** http://127.0.0.1:PORT of each node, in node order. */
  urls: readonly string[];
  pids: readonly number[];
  /** CPU of every node and of all their PostgreSQL backends, summed; a killed node keeps its last reading. */
  sample: (generatorPid: number) => Promise<Sample>;
  /** SIGKILL, as a crash would: no drain, no goodbye to clients, batched acks lost. */
  kill: (node: number) => Promise<void>;
  stop: () => Promise<void>;
}>;

/**
 * Starts `count` nodes. The first migrates the schema; the others start once it listens, so no two race
 * on the migrations. All share one `application_name`, which is how their backends are found.
 */
export async function startCluster(count: number, options: ClusterOptions): Promise<Cluster> {
  const schema = await freshSchema(options.databaseUrl, 'cluster');
  const url = new URL(schema.url);
  const appName = `parley_cluster_${process.pid}_${Date.now()}`;
  url.searchParams.set('application_name', appName);
  const args = [...options.serverNode, cli, 'serve', '--port', '0', '--database-url', url.toString()];
  const start = () => startService([...args, '--nats-url', options.natsUrl]);
  const services: Service[] = [];
  try {
    services.push(await start());
    const rest = await Promise.allSettled(Array.from({ length: count - 1 }, start));
    for (const r of rest) if (r.status === 'fulfilled') services.push(r.value);
    const failed = rest.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await Promise.all(services.map((s) => s.stop()));
    await schema.drop();
    throw error;
  }
  const admin = options.admin;
  const meter = new ClusterMeter(
    services.map((s) => s.pid),
    async () => (admin ? backendPids(admin, appName) : []),
  );
  return {
    urls: services.map((s) => `http://127.0.0.1:${s.port}`),
    pids: services.map((s) => s.pid),
    sample: (generatorPid) => meter.sample(generatorPid),
    kill: async (node) => {
      const service = services[node];
      if (!service) throw new Error(`no node ${node}`);
      // Read it last while alive: /proc forgets a process once it has exited.
      await meter.sample(0);
      const exited = new Promise<void>((resolve) => service.child.once('exit', () => resolve()));
      if (service.child.exitCode === null && service.child.signalCode === null) {
        service.child.kill('SIGKILL');
        await exited;
      }
    },
    stop: async () => {
      await Promise.all(services.map((s) => stopChild(s.child)));
      await schema.drop();
    },
  };
}

/** Sums CPU over processes that may die during a phase, keeping each one's last reading. */
class ClusterMeter {
  readonly #nodes: readonly number[];
  readonly #listBackends: () => Promise<number[]>;
  readonly #last = new Map<number, number>();
  readonly #backends = new Set<number>();

  constructor(nodes: readonly number[], listBackends: () => Promise<number[]>) {
    this.#nodes = nodes;
    this.#listBackends = listBackends;
  }

  #read(pid: number): number {
    const ticks = Math.max(this.#last.get(pid) ?? 0, processTicks(pid));
    this.#last.set(pid, ticks);
    return ticks;
  }

  async sample(generatorPid: number): Promise<Sample> {
    for (const pid of await this.#listBackends()) this.#backends.add(pid);
    let rssKb = 0;
    let peakKb = 0;
    for (const pid of this.#nodes) {
      const memory = processMemory(pid);
      rssKb += memory.rssKb;
      peakKb += memory.peakKb;
    }
    return {
      at: performance.now(),
      server: this.#nodes.reduce((sum, pid) => sum + this.#read(pid), 0),
      generator: generatorPid > 0 ? processTicks(generatorPid) : 0,
      runner: processTicks(process.pid),
      machine: machineBusyTicks(),
      db: new Map([...this.#backends].map((pid) => [pid, this.#read(pid)])),
      rssKb,
      peakKb,
    };
  }
}
