import type { AppContext } from '../context.ts';
import { faultFields } from '../db/errors.ts';

/**
 * The governance clock: sends deferred notices whose non-disclosure order has lapsed, expires (and purges)
 * preservations, releases held requests once a lifted pause takes effect, drops expired staff and officer
 * sessions, publishes the transparency report of a half-year once it has ended, and logs the number of
 * overdue cases (never their contents). Idempotent: every step is a
 * transition guarded by the domain, so a second pass finds nothing left to do.
 */
export class GovernanceSweeper implements AsyncDisposable {
  readonly #context: AppContext;
  readonly #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(context: AppContext, intervalMs: number) {
    this.#context = context;
    if (intervalMs > 0) {
      this.#timer = setInterval(() => {
        this.#running = this.#running.then(() => this.sweep());
      }, intervalMs);
      this.#timer.unref();
    }
  }

  async sweep(): Promise<void> {
    const g = this.#context.governance;
    try {
      const done = await g.cases.sweep();
      const sessions = await g.access.sweepSessions();
      await g.access.sweepSignInThrottle();
      // Snapshots of consumed preservations too: expiry is counted from the decision, whatever followed.
      const purged = await g.preservations.purgeLapsed();
      const overdue = await g.cases.overdueCount();
      const revealed = await this.#context.disclosureLog.revealDue();
      const report = await this.#context.reports.publishDue();
      if (report !== undefined) this.#context.log('governance.report_published', { period: report });
      if (
        done.noticesSent + done.preservationsExpired + done.resumed + sessions + revealed + purged > 0 ||
        overdue > 0
      )
        this.#context.log('governance.sweep', { ...done, sessions, purged, overdue, revealed });
    } catch (error) {
      this.#context.log('governance.sweep_failed', faultFields(error));
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
