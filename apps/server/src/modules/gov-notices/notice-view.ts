import { jurisdictionName, type RequestCase } from '@parley/governance';
import type { NoticeBody } from './store.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What the member is told: the kind of request, who asked (jurisdiction and kind of authority, not the
 * agency's officer), which data and period, and the decision. The case reference, the instrument's document
 * and the order's own text are left out: the member needs to recognise and contest the request, and the
 * reference would link the notice to private parts of the public log.
 */
export function noticeFor(c: RequestCase, sentAt: number, delayedByOrder: boolean): NoticeBody {
  return {
    sentAt: iso(sentAt),
    receivedOn: iso(c.receivedAt).slice(0, 10),
    requestType: c.submission.requestType,
    jurisdiction: c.agency.jurisdiction,
    jurisdictionName: jurisdictionName(c.agency.jurisdiction),
    authorityKind: c.agency.kind,
    categoriesRequested: [...c.categories],
    categoriesDisclosed: [...(c.decision?.categories ?? [])],
    dateRange: { from: c.dateRange.from, to: c.dateRange.to },
    delayedByOrder,
    objectionWindowEndsAt:
      c.production === null && c.notice?.objectionWindowEndsAt != null
        ? iso(c.notice.objectionWindowEndsAt)
        : null,
  };
}
