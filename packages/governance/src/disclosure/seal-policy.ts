import type { RequestCase } from '../lifecycle/case-types.ts';
import { nonDisclosureEnd } from '../notices/notice-plan.ts';

/**
 * Until when a case's events must stay sealed in the public log, or null when they may be published now.
 * A deferred notice knows the order's binding end under the regime; before the decision the order's stated
 * expiry is used, capped as if no regime were recorded (one year), so nothing is ever sealed for longer than
 * an order could bind. Once the notice has been sent, nothing more is sealed.
 */
export function sealedUntil(c: RequestCase, at: number): number | null {
  const order = c.submission.nonDisclosureOrder;
  if (order === null || c.notice?.status === 'sent' || c.notice?.status === 'not_given') return null;
  const end =
    c.notice?.status === 'deferred' && c.notice.dueAt !== null
      ? c.notice.dueAt
      : nonDisclosureEnd(order, c.submission.instrument.date, null);
  return end > at ? end : null;
}
