/**
 * `npm run bench`: starts each server under test as a child process (Parley on PGlite, Parley on
 * PostgreSQL, and a bare `ws` relay as the floor), drives it with the load generator in another child,
 * samples the server's CPU and memory at the generator's marks only, repeats every run, and reports medians.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { type Service, startService } from './lib/child.ts';
import { runGenerator } from './lib/generator-process.ts';
import { type Row, rowsFor, type Sample, type Target, takeSample } from './lib/measure.ts';
import { markdownTable, summarize } from './lib/report.ts';
import { adminClient, backendPids, freshSchema } from './lib/schema.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '..', 'apps', 'cli', 'bin', 'parley.mjs');
const relay = join(here, 'peers', 'ws-relay.ts');

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    db: { type: 'string', default: 'both' },
    reps: { type: 'string', default: '3' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    devices: { type: 'string' },
    /** Open-loop rates in msg/s: one the server should sustain, and the issue's target rate. */
    rate: { type: 'string', default: '250,2000' },
    'duration-ms': { type: 'string' },
    'offline-messages': { type: 'string' },
    window: { type: 'string', default: '8' },
    /** Writes a V8 CPU profile of every Parley server process into this folder. */
    profile: { type: 'string' },
  },
});

const full = values.full === true;
const settings = {
  devices: values.devices ?? (full ? '1000' : '200'),
  rate: values.rate ?? '250,2000',
  durationMs: values['duration-ms'] ?? (full ? '20000' : '5000'),
  offlineMessages: values['offline-messages'] ?? (full ? '30000' : '5000'),
  window: values.window ?? '8',
};
const reps = Number(values.reps);
if (!Number.isInteger(reps) || reps < 1 || reps > 10) throw new Error('--reps is 1 to 10');
const dbChoice = values.db;
if (dbChoice !== 'pglite' && dbChoice !== 'postgres' && dbChoice !== 'both')
  throw new Error('--db is pglite, postgres or both');
const databaseUrl = values['database-url'] ?? '';
const targets: Target[] = ['relay'];
if (dbChoice !== 'postgres') targets.push('pglite');
if (dbChoice !== 'pglite') targets.push('postgres');

const serverNode = values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : [];

const generatorArgs = (target: Target, port: number): string[] => [
  '--target',
  target === 'relay' ? 'relay' : 'parley',
  '--url',
  `http://127.0.0.1:${port}`,
  '--devices',
  settings.devices,
  '--rate',
  settings.rate,
  '--duration-ms',
  settings.durationMs,
  '--window',
  settings.window,
  '--offline-messages',
  settings.offlineMessages,
  '--scenarios',
  target === 'relay' ? 'open,burst' : 'open,burst,offline',
  '--marks',
];

/** Starts the server for one run and returns it with its cleanup and a way to list its database backends. */
async function startTarget(target: Target, admin: pg.Client | undefined) {
  if (target === 'relay') {
    const service = await startService(['--import', 'tsx', relay, '--port', '0']);
    return { service, dbPids: async () => [], cleanup: async () => {} };
  }
  if (target === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    const service = await startService([
      ...serverNode,
      cli,
      'serve',
      '--port',
      '0',
      '--data',
      join(dir, 'data'),
    ]);
    return { service, dbPids: async () => [], cleanup: async () => rmSync(dir, { recursive: true }) };
  }
  const schema = await freshSchema(databaseUrl);
  const url = new URL(schema.url);
  const appName = `parley_bench_${process.pid}_${Date.now()}`;
  url.searchParams.set('application_name', appName);
  let service: Service;
  try {
    service = await startService([
      ...serverNode,
      cli,
      'serve',
      '--port',
      '0',
      '--database-url',
      url.toString(),
    ]);
  } catch (error) {
    await schema.drop();
    throw error;
  }
  const dbPids = async () => (admin ? backendPids(admin, appName) : []);
  return { service, dbPids, cleanup: schema.drop };
}

async function runOnce(target: Target, rep: number, admin: pg.Client | undefined): Promise<Row[]> {
  const { service, dbPids, cleanup } = await startTarget(target, admin);
  try {
    const samples = new Map<string, Sample>();
    const run = runGenerator(generatorArgs(target, service.port), async (name, generatorPid) => {
      samples.set(name, takeSample(service.pid, generatorPid, await dbPids()));
    });
    const result = await run.result;
    return result.results.flatMap((r) => rowsFor(target, rep, r, samples));
  } finally {
    await service.stop();
    await cleanup();
  }
}

async function main(): Promise<void> {
  const started = new Date();
  // Taken before the run: other work may land on the branch while it goes on.
  const commit = gitCommit();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const command = `npm run bench --${process.argv.length > 2 ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const admin = targets.includes('postgres') ? await adminClient(databaseUrl) : undefined;
  const rows: Row[] = [];
  try {
    // Targets take turns within each repetition, so a noisy minute on the shared cores hits all of them.
    for (let rep = 1; rep <= reps; rep++) {
      for (const target of targets) {
        const t0 = performance.now();
        const got = await runOnce(target, rep, admin);
        rows.push(...got);
        const seconds = ((performance.now() - t0) / 1000).toFixed(0);
        process.stderr.write(`rep ${rep}/${reps} ${target}: ${got.length} phases in ${seconds} s\n`);
      }
    }
  } finally {
    await admin?.end();
  }
  const summaries = summarize(rows);
  const table = markdownTable(summaries);
  const meta = {
    command,
    startedAt: started.toISOString(),
    seconds: Math.round((Date.now() - started.getTime()) / 1000),
    commit,
    node: process.version,
    cpus: cpus().length,
    settings,
    reps,
  };
  const out = join(here, 'results');
  mkdirSync(out, { recursive: true });
  const lines = [
    { type: 'meta', ...meta },
    ...rows.map((r) => ({ type: 'row', ...r })),
    ...summaries.map((s) => ({ type: 'summary', ...s })),
  ];
  writeFileSync(join(out, `${stamp}.jsonl`), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  const report = [
    `# Parley messaging benchmark, ${meta.startedAt}`,
    '',
    `\`${command}\` at ${meta.commit}, Node ${meta.node}, ${meta.cpus} cores, ${meta.seconds} s. ` +
      `${settings.devices} devices in pairs; open loop ${settings.rate} msg/s for ${settings.durationMs} ms; ` +
      `burst window ${settings.window}; offline ${settings.offlineMessages} messages. Medians of ${reps} runs; ` +
      'counts (lost … dropped) are totals over all runs.',
    '',
    table,
    '',
  ].join('\n');
  writeFileSync(join(out, `${stamp}.md`), report);
  writeFileSync(join(out, 'latest.md'), report);
  process.stdout.write(`${report}\nwritten to bench/results/${stamp}.{jsonl,md}\n`);
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

const watchdog = setTimeout(() => {
  process.stderr.write('bench: overall time limit reached\n');
  process.exit(2);
}, 60 * 60_000);
watchdog.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
