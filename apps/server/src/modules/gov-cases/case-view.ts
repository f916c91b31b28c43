import { isOverdue, type RequestCase } from '@parley/governance';

/**
 * What a caller sees of a case. Officers get the summary: state, acknowledgement, an open question, whether a
 * production is ready. Staff also get the whole record (reviews, signatures, notice, history).
 */
export function presentCase(
  c: RequestCase,
  acknowledgement: string,
  viewer: 'staff' | 'officer',
  now: Date,
  productionReady: boolean,
) {
  const open = c.clarifications.at(-1);
  return {
    reference: c.reference,
    state: c.state,
    agencyId: c.agency.id,
    requestType: c.submission.requestType,
    receivedAt: new Date(c.receivedAt).toISOString(),
    deadlineAt: c.deadlineAt === null ? null : new Date(c.deadlineAt).toISOString(),
    overdue: isOverdue(c, now.getTime()),
    acknowledgement,
    openQuestion: open !== undefined && open.answer === null ? open.question : null,
    productionReady,
    detail: viewer === 'staff' ? { ...c } : null,
  };
}
