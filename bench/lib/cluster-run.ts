import type pg from 'pg';
import { type Cluster, startCluster } from './cluster.ts';
import { runGenerator } from './generator-process.ts';
import { type Row, rowsFor, type Sample } from './measure.ts';
import type { GeneratorResult } from './result-schema.ts';

/** What the runner (or the smoke test) asks of one S5 run. */
export type ClusterRunOptions = Readonly<{
  nodes: number;
  databaseUrl: string;
  natsUrl: string;
  admin: pg.Client | undefined;
  serverNode: readonly string[];
  /** Generator flags besides the target, the URLs and the scenario: devices, rate, duration, warm-up, … */
  generatorArgs: readonly string[];
  timeoutMs?: number;
}>;

export type ClusterRun = Readonly<{
  result: GeneratorResult;
  samples: ReadonlyMap<string, Sample>;
  /** Nodes the generator had killed, in order. */
  killed: readonly number[];
}>;

/**
 * Runs the generator's `cluster` scenario against a running cluster and samples every node at each mark.
 * The generator's `kill:<node>` mark is the failover: the node is sampled one last time and SIGKILLed
 * while the load goes on.
 */
export async function runOnCluster(
  cluster: Cluster,
  generatorArgs: readonly string[],
  timeoutMs?: number,
): Promise<ClusterRun> {
  const samples = new Map<string, Sample>();
  const killed: number[] = [];
  const args = ['--target', 'parley', '--url', cluster.urls[0] ?? '', '--urls', cluster.urls.join(',')];
  args.push('--scenarios', 'cluster', ...generatorArgs);
  const run = runGenerator(
    args,
    async (name, generatorPid) => {
      const kill = /^kill:(\d+)$/.exec(name);
      if (kill) {
        killed.push(Number(kill[1]));
        await cluster.kill(Number(kill[1]));
        return;
      }
      samples.set(name, await cluster.sample(generatorPid));
    },
    timeoutMs,
  );
  return { result: await run.result, samples, killed };
}

/** One S5 run as report rows (target `cluster`; each row's `counts.nodes` says how many nodes carried it). */
export async function runCluster(options: ClusterRunOptions, rep: number): Promise<Row[]> {
  const { databaseUrl, natsUrl, admin, serverNode } = options;
  const cluster = await startCluster(options.nodes, { databaseUrl, natsUrl, admin, serverNode });
  try {
    const { result, samples } = await runOnCluster(cluster, options.generatorArgs, options.timeoutMs);
    return result.results.flatMap((r) => rowsFor('cluster', rep, r, samples));
  } finally {
    await cluster.stop();
  }
}
