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
