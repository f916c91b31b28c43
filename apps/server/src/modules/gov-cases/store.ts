import { caseStates, type RequestCase } from '@parley/governance';
import type { Db } from '../../db/database.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Case records are written only by this store, from values `receiveRequest`/`apply` returned, so reading one
 * back checks the fields every transition relies on rather than re-validating the whole record.
 */
function isCase(v: unknown): v is RequestCase {
  return (
    isRecord(v) &&
    typeof v.reference === 'string' &&
    caseStates.some((s) => s === v.state) &&
    isRecord(v.agency) &&
    isRecord(v.submission) &&
    isRecord(v.gate) &&
    isRecord(v.chain) &&
    Array.isArray(v.history)
  );
}

function caseOf(value: unknown): RequestCase {
  if (!isCase(value)) throw new Error('corrupt case record');
  return value;
}

export type CaseRow = Readonly<{ case: RequestCase; acknowledgement: string; officerId: string }>;

/** The only code that writes cases, their targets and their documents. */
export const caseStore = {
  async insert(db: Db, c: RequestCase, acknowledgement: string, at: Date): Promise<void> {
    await db
      .insertInto('gov_cases')
      .values({
        reference: c.reference,
        agency_id: c.agency.id,
        officer_id: c.officerId,
        state: c.state,
        received_at: new Date(c.receivedAt),
        deadline_at: c.deadlineAt === null ? null : new Date(c.deadlineAt),
        case_record: JSON.stringify(c),
        acknowledgement,
        updated_at: at,
      })
      .execute();
  },

  async update(db: Db, c: RequestCase, at: Date): Promise<void> {
    await db
      .updateTable('gov_cases')
      .set({ state: c.state, case_record: JSON.stringify(c), updated_at: at })
      .where('reference', '=', c.reference)
      .execute();
  },

  /** Locks the case row: two staff acting at once are serialized, each sees the other's result. */
  async forUpdate(db: Db, reference: string): Promise<CaseRow | undefined> {
    const r = await db
      .selectFrom('gov_cases')
      .select(['case_record', 'acknowledgement', 'officer_id'])
      .where('reference', '=', reference)
      .forUpdate()
      .executeTakeFirst();
    return r && { case: caseOf(r.case_record), acknowledgement: r.acknowledgement, officerId: r.officer_id };
  },

  async get(db: Db, reference: string): Promise<CaseRow | undefined> {
    const r = await db
      .selectFrom('gov_cases')
      .select(['case_record', 'acknowledgement', 'officer_id'])
      .where('reference', '=', reference)
      .executeTakeFirst();
    return r && { case: caseOf(r.case_record), acknowledgement: r.acknowledgement, officerId: r.officer_id };
  },

  async list(
    db: Db,
    filter: Readonly<{ agencyId?: string; state?: string; states?: readonly string[]; limit: number }>,
  ): Promise<CaseRow[]> {
    let q = db.selectFrom('gov_cases').select(['case_record', 'acknowledgement', 'officer_id']);
    if (filter.agencyId !== undefined) q = q.where('agency_id', '=', filter.agencyId);
    if (filter.state !== undefined) q = q.where('state', '=', filter.state);
    if (filter.states !== undefined && filter.states.length > 0) q = q.where('state', 'in', filter.states);
    const rows = await q.orderBy('received_at').orderBy('reference').limit(filter.limit).execute();
    return rows.map((r) => ({
      case: caseOf(r.case_record),
      acknowledgement: r.acknowledgement,
      officerId: r.officer_id,
    }));
  },

  /** When the first request was received, or null before any. */
  async firstReceivedAt(db: Db): Promise<Date | null> {
    const r = await db
      .selectFrom('gov_cases')
      .select('received_at')
      .orderBy('received_at')
      .limit(1)
      .executeTakeFirst();
    return r?.received_at ?? null;
  },

  async insertTargets(db: Db, reference: string, accountIds: readonly (number | null)[]): Promise<void> {
    if (accountIds.length === 0) return;
    await db
      .insertInto('gov_case_targets')
      .values(accountIds.map((account_id, position) => ({ reference, position, account_id })))
      .execute();
  },

  async targetAccounts(db: Db, reference: string): Promise<number[]> {
    const rows = await db
      .selectFrom('gov_case_targets')
      .select('account_id')
      .where('reference', '=', reference)
      .orderBy('position')
      .execute();
    return rows.flatMap((r) => (r.account_id === null ? [] : [r.account_id]));
  },

  async insertDocument(
    db: Db,
    reference: string,
    mediaType: string,
    digest: string,
    content: Uint8Array,
  ): Promise<void> {
    await db
      .insertInto('gov_documents')
      .values({ reference, media_type: mediaType, digest, content })
      .execute();
  },
};
