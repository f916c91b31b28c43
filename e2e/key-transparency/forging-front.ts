import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decodeEpochAudit,
  decodeEpochRecord,
  type EpochAudit,
  encodeEpochAudit,
  encodeEpochRecord,
  encodeKeyEvent,
  type KeyEvent,
} from '@parley/key-directory';
import { formatCheckpoint, MemoryTree, signerFromKey, signNote, toBase64 } from '@parley/merkle-log';
import { fromBase64url, routes, toBase64url } from '@parley/protocol';
import type { TestNetwork } from '@parley/testkit';

/**
 * A front through which a test network's operator rewrites the key events of the newest epoch: `forge`
 * chooses the events its record is logged with (leaving its tree as it is), in an epoch log whose checkpoint
 * the operator signs with the directory's own note key. Every audit is served against that log; every other
 * request passes through to the real server.
 */
export async function forgingFront(
  net: TestNetwork,
  forge: (events: readonly KeyEvent[]) => readonly KeyEvent[],
): Promise<AsyncDisposable & { url: string }> {
  const { db, keyDirectory } = net.server.context;
  const keys = await db.selectFrom('kt_keys').selectAll().executeTakeFirstOrThrow();
  const rows = await db.selectFrom('kt_epochs').select('record').orderBy('epoch').execute();
  const records = rows.map((r) => decodeEpochRecord(r.record));
  const newest = records.at(-1);
  if (newest === undefined) throw new Error('no epoch to forge');
  const real = await keyDirectory.audit(newest.epoch, records.length);
  const events = forge(decodeEpochAudit(fromBase64url(real.audit)).events);
  const eventLog = new MemoryTree();
  for (const event of events) eventLog.append(encodeKeyEvent(event));
  const forged = { ...newest, eventsRoot: eventLog.root(), eventCount: eventLog.size };
  const log = new MemoryTree();
  for (const record of [...records.slice(0, -1), forged]) log.append(encodeEpochRecord(record));
  const body = { origin: keys.origin, size: log.size, rootHash: log.root(), extensions: [] };
  const checkpoint = signNote(formatCheckpoint(body), [signerFromKey(keys.note_skey)]);

  const audit = async (epoch: number) => {
    const real = await keyDirectory.audit(epoch, log.size);
    const served = decodeEpochAudit(fromBase64url(real.audit));
    const shown: EpochAudit = epoch === newest.epoch ? { ...served, record: forged, events } : served;
    const inclusion = log.inclusionProof(epoch).map(toBase64);
    return { epoch, size: log.size, inclusion, audit: toBase64url(encodeEpochAudit(shown)) };
  };
  const auditPath = new RegExp(`^${routes.ktAudit.path.replace(':epoch', '(\\d+)')}$`);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', net.url);
    const epoch = auditPath.exec(url.pathname)?.[1];
    let answer: unknown;
    if (url.pathname === routes.ktCheckpoint.path) answer = { checkpoint };
    if (url.pathname === routes.ktConsistency.path) {
      const [from, to] = [Number(url.searchParams.get('from')), Number(url.searchParams.get('to'))];
      answer = { from, to, proof: log.consistencyProof(from, to).map(toBase64) };
    }
    if (epoch !== undefined) answer = await audit(Number(epoch));
    if (answer !== undefined) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      return;
    }
    const real = await fetch(url);
    res.writeHead(real.status, { 'content-type': real.headers.get('content-type') ?? 'text/plain' });
    res.end(Buffer.from(await real.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
