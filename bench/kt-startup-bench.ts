/**
 * Key directory start-up cost: how long a server takes to start when its directory holds N entries (the
 * trees are rebuilt in memory from the database at start), beside publishing them in the first place.
 *
 *   node --import tsx bench/kt-startup-bench.ts [--entries 5000] [--epoch 1000]
 *
 * Entries are staged straight into the directory with random keys and a 300-byte device list (the
 * directory does not read them), published `--epoch` per epoch, on PGlite on disk as `parley serve` runs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServer, type ParleyServer } from '@parley/server';

const { values } = parseArgs({
  options: { entries: { type: 'string', default: '5000' }, epoch: { type: 'string', default: '1000' } },
});
const entries = Number(values.entries);
const perEpoch = Number(values.epoch);
const dataDir = mkdtempSync(join(tmpdir(), 'parley-kt-bench-'));
const config = {
  port: 0,
  host: '127.0.0.1',
  dataDir,
  logSequenceIntervalMs: 0,
  ktEpochIntervalMs: 0,
  ktPublishOnChange: false,
} as const;

/** Starts a server on the data directory: total start time and the directory's own rebuild time. */
async function timedStart(): Promise<{ server: ParleyServer; ms: number; rebuildMs: number }> {
  let rebuildMs = Number.NaN;
  const log = (event: string, fields?: Readonly<Record<string, string | number | boolean>>) => {
    if (event === 'kt.rebuilt') rebuildMs = Number(fields?.ms);
  };
  const t0 = performance.now();
  const server = await createServer({ ...config, log });
  return { server, ms: performance.now() - t0, rebuildMs };
}

try {
  // The first start migrates the fresh database; the baseline is a restart with an empty directory.
  await (await createServer(config)).close();
  const empty = await timedStart();
  const bytes = (n: number) => new Uint8Array(randomBytes(n));
  let publishMs = 0;
  for (let start = 0; start < entries; start += perEpoch) {
    const { db, keyDirectory } = empty.server.context;
    await db.transaction().execute(async (tx) => {
      for (let i = start; i < Math.min(entries, start + perEpoch); i++) {
        const deviceList = { payload: bytes(236), signature: bytes(64) };
        await keyDirectory.stage(tx, { username: `user${i}`, accountKey: bytes(32), deviceList });
      }
    });
    const t0 = performance.now();
    await keyDirectory.publish();
    publishMs += performance.now() - t0;
  }
  const epochs = empty.server.context.keyDirectory.epochCount;
  await empty.server.close();
  const full = await timedStart();
  await full.server.close();
  const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
  console.log(
    JSON.stringify({
      entries,
      epochs,
      startEmptyMs: Math.round(empty.ms),
      publishAllMs: Math.round(publishMs),
      publishPerEntryMs: +(publishMs / entries).toFixed(2),
      startFullMs: Math.round(full.ms),
      rebuildMs: full.rebuildMs,
      rebuildPerEntryMs: +(full.rebuildMs / entries).toFixed(3),
      rssMiB: rss,
    }),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
