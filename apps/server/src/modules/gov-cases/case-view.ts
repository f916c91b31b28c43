import { isOverdue, type RequestCase } from '@parley/governance';

/** The requesting agency as staff see it beside a case: a suspended or withdrawn agency's case says so. */
export type AgencySummary = Readonly<{
  name: string;
  standing: 'pending' | 'approved' | 'suspended' | 'withdrawn';
}>;

/**
 * What a caller sees of a case. Officers get the summary: state, acknowledgement, an open question, whether a
 * production is ready. Staff also get the whole record (reviews, signatures, notice, history).
 */
export function presentCase(
  c: RequestCase,
  acknowledgement: string,
  viewer: 'staff' | 'officer',
  agency: AgencySummary | null,
  now: Date,
  productionReady: boolean,
) {
  const open = c.clarifications.at(-1);
  return {
    reference: c.reference,
    state: c.state,
    agencyId: c.agency.id,
    agency: viewer === 'staff' ? agency : null,
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
