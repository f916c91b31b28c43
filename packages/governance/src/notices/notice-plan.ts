import type { NoticeRecord, RequestCase } from '../lifecycle/case-types.ts';
import type { NonDisclosureRegime } from '../policy/policy-types.ts';
import { DAY, dayStart } from '../time/calendar.ts';

/** Days a member has to object (through counsel or the court) before anything is produced. */
export const OBJECTION_WINDOW_DAYS = 10;

/** Without a recorded regime an order is still honoured, but never for more than a year without renewal. */
export const UNRECORDED_REGIME_MAX_DAYS = 365;

/**
 * When a non-disclosure order stops binding: its own expiry, capped at the regime's maximum counted from the
 * instrument's date. An order claiming more than the law allows does not silence Parley past that limit.
 */
export function nonDisclosureEnd(
  order: Readonly<{ expiresOn: string }>,
  instrumentDate: string,
  regime: NonDisclosureRegime | null,
): number {
  const maxDays = regime === null ? UNRECORDED_REGIME_MAX_DAYS : regime.maxDays;
  const stated = dayStart(order.expiresOn);
  return maxDays === null ? stated : Math.min(stated, dayStart(instrumentDate) + maxDays * DAY);
}

/**
 * The notice for an approved disclosure. Default: sent now, before anything is produced, with an objection
 * window. Deferred while a valid order forbids it, falling due at the order's end. An exception (recorded
 * with its reason) means no notice; it is counted as "not given" in reports.
 */
export function planNotice(
  c: RequestCase,
  regime: NonDisclosureRegime | null,
  exception: string | null,
  now: number,
): NoticeRecord {
  const order = c.submission.nonDisclosureOrder;
  if (order !== null) {
    const end = nonDisclosureEnd(order, c.submission.instrument.date, regime);
    if (end > now)
      return {
        status: 'deferred',
        sentAt: null,
        dueAt: end,
        objectionWindowEndsAt: null,
        exceptionReason: null,
      };
  }
  if (exception !== null)
    return {
      status: 'not_given',
      sentAt: null,
      dueAt: null,
      objectionWindowEndsAt: null,
      exceptionReason: exception,
    };
  return {
    status: 'sent',
    sentAt: now,
    dueAt: null,
    objectionWindowEndsAt: now + OBJECTION_WINDOW_DAYS * DAY,
    exceptionReason: null,
  };
}

/** Whether a deferred notice has fallen due: the server's scheduler calls `send_deferred_notice` for these. */
export function isNoticeDue(c: RequestCase, now: number): boolean {
  return c.notice?.status === 'deferred' && c.notice.dueAt !== null && now >= c.notice.dueAt;
}
