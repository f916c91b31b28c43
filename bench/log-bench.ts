/**
 * Transparency-log benchmark: append-and-checkpoint throughput on PGlite (on disk, as `parley serve` runs)
 * and PostgreSQL, proof sizes, and full `verify` time (every tile and entry over HTTP) at given sizes.
 *
 *   node --import tsx bench/log-bench.ts [--db pglite,postgres] [--append 100000] [--verify 100000,1000000]
 *
 * Append runs use 200 random bytes per entry; verify runs fill the log with disclosure leaves as the server
 * writes them (request chains of eight linked events, about 700 bytes each), so `verify` also reads every
 * leaf and checks every chain, as it does on a real log. Entries are appended 1,000 per transaction (as
 * governance would, in its own transactions), integrated by the sequencer in batches of 4,096 with one
 * signed checkpoint per batch.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { rfc9162Hasher } from '@parley/merkle-log';
import { auditLog, httpLogFetcher } from '@parley/sdk';
import { createServer, type ParleyServer } from '@parley/server';
import pg from 'pg';
import { disclosureLeaves } from './lib/disclosure-leaves.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite,postgres' },
    append: { type: 'string', default: '100000' },
    verify: { type: 'string', default: '100000,1000000' },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const databaseUrl = values['database-url'];
const nodeHasher = rfc9162Hasher((d) => new Uint8Array(createHash('sha256').update(d).digest()));
const CHUNK = 1000;

type Db = 'pglite' | 'postgres';

async function start(db: Db): Promise<{ server: ParleyServer; cleanup: () => Promise<void> }> {
  const common = { port: 0, host: '127.0.0.1', logSequenceIntervalMs: 0, logBatchSize: 4096 } as const;
  if (db === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'parley-log-bench-'));
    const server = await createServer({ ...common, dataDir: dir });
    return {
      server,
      cleanup: async () => {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `b_${randomBytes(6).toString('hex')}`;
  const server = await createServer({ ...common, databaseUrl, databaseSchema: schema });
  return {
    server,
    cleanup: async () => {
      await server.close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/**
 * Appends `n` entries (random 200 bytes, or disclosure leaves) in transactions of 1,000 and integrates
 * them; returns seconds for each phase (building leaves is not counted).
 */
async function fill(server: ParleyServer, n: number, leaves?: readonly Uint8Array[]) {
  const log = server.context.transparencyLog;
  const t0 = performance.now();
  for (let done = 0; done < n; done += CHUNK) {
    const count = Math.min(CHUNK, n - done);
    const batch = leaves?.slice(done, done + count) ?? Array.from({ length: count }, () => randomBytes(200));
    await server.context.db.transaction().execute((tx) => log.append(batch, tx));
  }
  const t1 = performance.now();
  const checkpoints = await log.sequence();
  const t2 = performance.now();
  return { append: (t1 - t0) / 1000, integrate: (t2 - t1) / 1000, checkpoints };
}

async function proofSizes(server: ParleyServer, size: number) {
  const get = async (path: string) => (await fetch(`${server.url}${path}`)).json();
  const inclusion = await get(`/log/proof/inclusion?index=${Math.floor(size / 3)}&size=${size}`);
  const consistency = await get(`/log/proof/consistency?from=${Math.floor(size / 2) + 1}&to=${size}`);
  return { inclusionHashes: inclusion.proof.length, consistencyHashes: consistency.proof.length };
}

/** `parley verify` in its own process, as a user runs it (includes about 1 s of tsx start-up). */
async function timeVerifyCli(server: ParleyServer): Promise<number> {
  const cli = new URL('../apps/cli/bin/parley.mjs', import.meta.url).pathname;
  const t0 = performance.now();
  await promisify(execFile)(process.execPath, [cli, '--server', server.url, 'verify']);
  return (performance.now() - t0) / 1000;
}

async function timeVerify(server: ParleyServer) {
  const t0 = performance.now();
  const result = await auditLog({ fetch: httpLogFetcher(server.url), hasher: nodeHasher, concurrency: 16 });
  if (result.analysis.events.length !== result.checkpoint.size) throw new Error('not every leaf was read');
  return { size: result.checkpoint.size, seconds: (performance.now() - t0) / 1000 };
}

const dbs = (values.db ?? '').split(',').filter((d): d is Db => d === 'pglite' || d === 'postgres');
const appendN = Number(values.append);
const verifySizes = (values.verify ?? '').split(',').filter(Boolean).map(Number);
const rows: string[] = [];

for (const db of appendN > 0 ? dbs : []) {
  const { server, cleanup } = await start(db);
  try {
    const r = await fill(server, appendN);
    const total = r.append + r.integrate;
    rows.push(
      `| ${db} | append+checkpoint ${appendN} | append ${(appendN / r.append).toFixed(0)}/s, integrate ${(appendN / r.integrate).toFixed(0)}/s, end to end ${(appendN / total).toFixed(0)}/s (${total.toFixed(1)} s, ${r.checkpoints} checkpoints) |`,
    );
    const p = await proofSizes(server, appendN);
    rows.push(
      `| ${db} | proofs at size ${appendN} | inclusion ${p.inclusionHashes} hashes (${p.inclusionHashes * 32} B), consistency ${p.consistencyHashes} hashes (${p.consistencyHashes * 32} B) |`,
    );
    console.log(rows.slice(-2).join('\n'));
  } finally {
    await cleanup();
  }
}

for (const size of verifySizes) {
  const db: Db = dbs.includes('postgres') ? 'postgres' : 'pglite';
  const { server, cleanup } = await start(db);
  try {
    const r = await fill(server, size, disclosureLeaves(size));
    const p = await proofSizes(server, size);
    const v = await timeVerify(server);
    const cli = await timeVerifyCli(server);
    rows.push(
      `| ${db} | verify ${size} | in-process ${v.seconds.toFixed(1)} s (${(size / v.seconds).toFixed(0)} entries/s), \`parley verify\` ${cli.toFixed(1)} s; fill ${(r.append + r.integrate).toFixed(1)} s; inclusion ${p.inclusionHashes}, consistency ${p.consistencyHashes} hashes |`,
    );
    console.log(rows.at(-1));
  } finally {
    await cleanup();
  }
}

console.log(['', '| database | measurement | result |', '|---|---|---|', ...rows].join('\n'));
