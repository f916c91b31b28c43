import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { ApiError } from '../errors.ts';
import type { Fanout } from '../fanout/index.ts';
import type { TransparencyLogService } from '../modules/transparency-log/service.ts';

/** A database that does not answer a trivial query within this long is not ready. */
const databaseTimeoutMs = 2_000;

async function databaseAnswers(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), databaseTimeoutMs);
  });
  const answered = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness (for a load balancer or orchestrator): the database answers and, when several processes share a
 * NATS bus, this one is connected to it; otherwise 503. The transparency log's sequencer and witnesses are
 * reported too (`degraded` when behind or stale), but do not fail readiness: taking every process out of
 * service because a witness is down would stop messaging without bringing the witness back. Liveness is
 * `/health`, which checks nothing but the process.
 */
export async function readiness(db: Db, fanout: Fanout, log: TransparencyLogService) {
  const database = await databaseAnswers(db);
  const bus = fanout.readiness();
  if (!database || bus === 'down') {
    const failed = [...(database ? [] : ['database']), ...(bus === 'down' ? ['fanout'] : [])];
    throw new ApiError('not_ready', undefined, { failed });
  }
  const { sequencer, witnesses } = await log.freshness();
  const degraded = sequencer === 'behind' || witnesses === 'stale';
  return {
    status: degraded ? ('degraded' as const) : ('ready' as const),
    checks: { database: 'ok' as const, fanout: bus, sequencer, witnesses },
  };
}
