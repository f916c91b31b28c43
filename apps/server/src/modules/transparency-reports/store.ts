import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { TransparencyReportsTable } from '../../db/schema/transparency-reports.ts';

export type ReportRow = TransparencyReportsTable;

/** The only code that writes `transparency_reports`; it only ever inserts (a trigger refuses the rest). */
export const reportStore = {
  async insert(db: Db, row: ReportRow): Promise<void> {
    await db.insertInto('transparency_reports').values(row).execute();
  },

  async byTicket(db: Db, ticket: number): Promise<ReportRow | undefined> {
    return db
      .selectFrom('transparency_reports')
      .selectAll()
      .where('log_ticket', '=', ticket)
      .executeTakeFirst();
  },

  /** Holds publications of `period` to one at a time until the transaction ends. */
  async lockPeriod(tx: Db, period: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtext(${`parley-report:${period}`}))`.execute(tx);
  },

  /** The period's most recent publication. */
  async latest(db: Db, period: string): Promise<ReportRow | undefined> {
    return db
      .selectFrom('transparency_reports')
      .selectAll()
      .where('period', '=', period)
      .orderBy('log_ticket', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async all(db: Db): Promise<ReportRow[]> {
    return db.selectFrom('transparency_reports').selectAll().orderBy('log_ticket').execute();
  },

  /** Whether `period` was published at or after `since` (its end: a final, not an interim, report). */
  async publishedSince(db: Db, period: string, since: Date): Promise<boolean> {
    const row = await db
      .selectFrom('transparency_reports')
      .select('log_ticket')
      .where('period', '=', period)
      .where('published_at', '>=', since)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },
};
