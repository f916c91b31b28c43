import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCheckpoint, signNote } from '@parley/merkle-log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLogServer, tamper, verifyCli } from './log-network.ts';

/**
 * One log of 1,000 entries (three full level-0 tiles, one partial, a partial level-1 tile). Each test
 * rewrites one thing the way a database superuser could, runs `parley verify`, and puts it back.
 */
let server: Awaited<ReturnType<typeof startLogServer>>;
let home: string;
const verify = (...args: string[]) => verifyCli(server.url, ...args);

beforeAll(async () => {
  server = await startLogServer();
  home = await mkdtemp(join(tmpdir(), 'parley-log-'));
  const entries = Array.from({ length: 1000 }, (_, i) =>
    new TextEncoder().encode(`event ${i} ${'z'.repeat(i % 40)}`),
  );
  await server.context.transparencyLog.append(entries);
  await server.context.transparencyLog.sequence();
});
afterAll(async () => {
  await server?.close();
  await rm(home, { recursive: true, force: true });
});

async function expectFailure(problem: RegExp, ...args: string[]) {
  const result = await verify(...args);
  expect(result.out).toMatch(problem);
  expect(result.code).toBe(2);
}

describe('parley verify against a tampered log', () => {
  it('verifies the intact log and pins its key and checkpoint', async () => {
    const result = await verify('--state', join(home, 'pinned'));
    expect(result.out).toMatch(/^verified e2e\.parley\.example\/log: 1000 entries, 0 witness cosignatures/);
    expect(result.code).toBe(0);
  });

  it('names a changed byte in a stored entry', async () => {
    const flip =
      'update log_entries set data = set_byte(data, 2, get_byte(data, 2) # 1) where idx in (700, 990)';
    await tamper(server, 'log_entries', flip);
    try {
      await expectFailure(/entry bundle tile\/entries\/002: entry 700 does not match its leaf hash/);
    } finally {
      await tamper(server, 'log_entries', flip);
    }
  });

  it('names a changed byte in a stored tile', async () => {
    const flip =
      'update log_tiles set data = set_byte(data, 40, get_byte(data, 40) # 1) where level = 0 and idx = 1';
    await tamper(server, 'log_tiles', flip);
    try {
      await expectFailure(
        /tiles do not match the checkpoint: tile 1\/0 hash 1 does not match the tile below/,
      );
    } finally {
      await tamper(server, 'log_tiles', flip);
    }
  });

  it('names a changed checkpoint', async () => {
    const edit =
      "update log_checkpoints set note = replace(note, E'\\n1000\\n', E'\\n1001\\n') where size = 1000";
    await tamper(server, 'log_checkpoints', edit);
    try {
      await expectFailure(/checkpoint rejected: invalid signature from e2e\.parley\.example\/log/);
    } finally {
      await tamper(
        server,
        'log_checkpoints',
        "update log_checkpoints set note = replace(note, E'\\n1001\\n', E'\\n1000\\n') where size = 1000",
      );
    }
  });

  it('names a dropped entry', async () => {
    await tamper(
      server,
      'log_entries',
      'create table dropped as select * from log_entries where idx = 300',
      'delete from log_entries where idx = 300',
    );
    try {
      await expectFailure(/entry bundle tile\/entries\/001: bundle has 255 entries, want 256/);
    } finally {
      await tamper(
        server,
        'log_entries',
        'insert into log_entries select * from dropped',
        'drop table dropped',
      );
    }
  });

  it('names reordered entries', async () => {
    const swap = `update log_entries e set data = o.data, leaf_hash = o.leaf_hash
      from log_entries o where (e.idx, o.idx) in ((990, 991), (991, 990))`;
    await tamper(server, 'log_entries', swap);
    try {
      await expectFailure(/tiles do not match the checkpoint: tiles do not lead to the checkpoint root/);
    } finally {
      await tamper(server, 'log_entries', swap);
    }
  });

  it('fails with --state when a second root is signed for a size already seen (fork), and on a rollback', async () => {
    const state = join(home, 'fork');
    expect((await verify('--state', state)).code).toBe(0);
    const { signer } = server.context.transparencyLog.key;
    const forkRoot = new Uint8Array(32).fill(9);
    const note = signNote(
      formatCheckpoint({ origin: signer.name, size: 1000, rootHash: forkRoot, extensions: [] }),
      [signer],
    );
    await tamper(
      server,
      'log_checkpoints',
      `insert into log_checkpoints (size, root_hash, note, signed_at) values (1000, '\\x${Buffer.from(forkRoot).toString('hex')}', '${note}', now())`,
    );
    await expectFailure(/fork: two different roots are signed for size 1000/, '--state', state);

    const old = await server.context.db
      .selectFrom('log_checkpoints')
      .select('note')
      .where('size', '=', 800)
      .executeTakeFirstOrThrow();
    await tamper(
      server,
      'log_checkpoints',
      `insert into log_checkpoints (size, root_hash, note, signed_at) select size, root_hash, note, now() from log_checkpoints where size = 800`,
    );
    expect(old.note).toContain('\n800\n');
    await expectFailure(
      /rollback: the log's checkpoint has size 800, smaller than size 1000 signed earlier/,
      '--state',
      state,
    );
  });
});
