import {
  analyseLog,
  buildReport,
  encodeLeaf,
  halfYearBounds,
  halfYearOf,
  reportNoteText,
  sha256Hex,
} from '@parley/governance';
import { signNote } from '@parley/merkle-log';
import type { ReportFormat, ReportSummary } from '@parley/protocol';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import { requireStaff } from '../gov-access/authorize.ts';
import { type GovPrincipal, principalLabel } from '../gov-access/principal.ts';
import type { AuditService } from '../gov-audit/service.ts';
import { nodeHasher } from '../transparency-log/node-hasher.ts';
import type { TransparencyLogService } from '../transparency-log/service.ts';
import { type ReportRow, reportStore } from './store.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** How long `publish` waits for the report leaf to be integrated when another process holds the sequencer. */
const INTEGRATION_ATTEMPTS = 50;

/**
 * Transparency reports (`docs/transparency-log.md`): computed from the public log's entries up to its latest
 * signed checkpoint with the same code every verifier runs, signed with the log key, stored, and appended to
 * the log as a `report` leaf. Staff with `publish_report` publish on demand; the governance sweeper publishes
 * each half-year once it has ended.
 */
export class ReportService {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #log: TransparencyLogService;
  readonly #origin: string;

  constructor(db: Db, clock: Clock, audit: AuditService, log: TransparencyLogService, origin: string) {
    this.#db = db;
    this.#clock = clock;
    this.#audit = audit;
    this.#log = log;
    this.#origin = origin;
  }

  /** Publishes `period` for a staff member (audited) or, with `system`, for the sweeper. */
  async publish(actor: GovPrincipal | 'system', period: string): Promise<ReportSummary> {
    const label = actor === 'system' ? 'system' : principalLabel(actor);
    const entry = { actor: label, action: 'publish_report', object: `report:${period}` };
    // Everything up to now goes into the tree first, so the report covers every event already recorded.
    await this.#log.sequence({ waitForWitnesses: false });
    const ticket = await this.#audit.run(entry, async (tx) => {
      if (actor !== 'system') requireStaff(actor, 'publish_report');
      if (halfYearBounds(period)[0] > this.#clock.now().getTime())
        throw new ApiError('report_period_not_started');
      const head = await this.#log.head(tx);
      const size = head?.size ?? 0;
      const events = analyseLog(await this.#log.entries(0, size, tx), nodeHasher).events;
      const root = head?.rootHash ?? nodeHasher.emptyRoot();
      const binding = { origin: this.#origin, checkpointSize: size, checkpointRoot: hex(root) };
      const report = buildReport(events, period, binding);
      if (actor !== 'system') await this.#refuseRepeat(tx, period, events);
      const [appended] = await this.#log.append([encodeLeaf(report.leaf)], tx);
      if (appended === undefined) throw new Error('the log returned no ticket');
      await reportStore.insert(tx, {
        log_ticket: appended,
        period,
        checkpoint_size: size,
        checkpoint_root: root,
        json: report.json,
        csv: report.csv,
        note: signNote(reportNoteText(report.leaf, this.#origin), [this.#log.key.signer]),
        published_at: this.#clock.now(),
      });
      return appended;
    });
    for (let attempt = 0; attempt < INTEGRATION_ATTEMPTS; attempt++) {
      await this.#log.sequence({ waitForWitnesses: false });
      const summary = await this.#summary(ticket);
      if (summary !== undefined) return summary;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new ApiError(
      'server_busy',
      'The report is published but not yet in the log; list reports shortly.',
    );
  }

  /**
   * Publishes the final report of the half-year that ended last, once, if the log already existed during it
   * (reports published while the half-year ran were interim).
   */
  async publishDue(): Promise<string | undefined> {
    const now = this.#clock.now().getTime();
    const [currentStart] = halfYearBounds(halfYearOf(now));
    const previous = halfYearOf(currentStart - 1);
    if (await reportStore.publishedSince(this.#db, previous, new Date(currentStart))) return undefined;
    if (!(await this.#log.existedBefore(new Date(currentStart)))) return undefined;
    await this.publish('system', previous);
    return previous;
  }

  /**
   * A staff member may not publish a half-year again while the log holds nothing that changes it: the report
   * would repeat the last one word for word under a new checkpoint, and the log would fill with copies. The
   * sweeper's one final report after the half-year ends is not held to this.
   */
  async #refuseRepeat(tx: Db, period: string, events: Parameters<typeof buildReport>[0]): Promise<void> {
    await reportStore.lockPeriod(tx, period);
    const last = await reportStore.latest(tx, period);
    if (last === undefined) return;
    const binding = {
      origin: this.#origin,
      checkpointSize: last.checkpoint_size,
      checkpointRoot: hex(last.checkpoint_root),
    };
    if (buildReport(events, period, binding).json === last.json)
      throw new ApiError('report_already_published', undefined, {
        period,
        checkpointSize: last.checkpoint_size,
      });
  }

  /** Every publication whose leaf is in the tree, oldest first. */
  async list(): Promise<ReportSummary[]> {
    const out: ReportSummary[] = [];
    for (const row of await reportStore.all(this.#db)) {
      const summary = await this.#summaryOf(row);
      if (summary !== undefined) out.push(summary);
    }
    return out;
  }

  /** A document of the report whose leaf is at `index`; undefined when there is none. */
  async document(index: number, format: ReportFormat): Promise<string | undefined> {
    const ticket = await this.#log.ticketAt(index);
    const row = ticket === undefined ? undefined : await reportStore.byTicket(this.#db, ticket);
    return row?.[format];
  }

  async #summary(ticket: number): Promise<ReportSummary | undefined> {
    const row = await reportStore.byTicket(this.#db, ticket);
    return row && this.#summaryOf(row);
  }

  async #summaryOf(row: ReportRow): Promise<ReportSummary | undefined> {
    const located = await this.#log.locate(row.log_ticket);
    if (located === undefined || !located.covered) return undefined;
    return {
      period: row.period,
      index: located.index,
      checkpointSize: row.checkpoint_size,
      checkpointRoot: hex(row.checkpoint_root),
      jsonSha256: sha256Hex(row.json),
      csvSha256: sha256Hex(row.csv),
      publishedAt: row.published_at.toISOString(),
    };
  }
}
