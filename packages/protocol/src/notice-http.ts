import { z } from 'zod';

/**
 * What a member is told about a government request for their account. Only what the member needs to
 * understand and contest it: never the order's document, its case reference, the agency's officer, or
 * anything while a non-disclosure order still binds (nothing is sent before it lapses).
 */
export const MemberNotice = z.strictObject({
  id: z.string(),
  sentAt: z.iso.datetime(),
  /** The day the request reached Parley. */
  receivedOn: z.iso.date(),
  requestType: z.string(),
  jurisdiction: z.string(),
  jurisdictionName: z.string(),
  authorityKind: z.string(),
  /** Data categories the request asked for, and the ones Parley decided to disclose. */
  categoriesRequested: z.array(z.string()),
  categoriesDisclosed: z.array(z.string()),
  dateRange: z.strictObject({ from: z.iso.date(), to: z.iso.date() }),
  /** True when a non-disclosure order delayed this notice until it lapsed. */
  delayedByOrder: z.boolean(),
  /** Until when the member may object before anything is produced; null when production already happened. */
  objectionWindowEndsAt: z.iso.datetime().nullable(),
});
export type MemberNotice = z.infer<typeof MemberNotice>;

export const NoticeList = z.strictObject({ notices: z.array(MemberNotice) });

/** The member's notices, read with a member session; the `notice` frame says a new one is waiting. */
export const noticeRoutes = {
  listNotices: {
    method: 'GET',
    path: '/v1/me/notices',
    auth: true,
    response: NoticeList,
    status: 200,
  },
} as const;
