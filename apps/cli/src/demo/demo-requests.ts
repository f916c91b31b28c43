import type { CaseActionBody } from '@parley/protocol';
import type { AgencyKey, MemberName, StaffKey } from './demo-people.ts';

const DAY = 86_400_000;
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

/** One step of a request's life: who acts (a staff member, or the requesting officer) and what they do. */
export type DemoStep = Readonly<{ by: StaffKey | 'officer'; action: CaseActionBody }>;

/** A request the demo submits and walks to `expect`, so each lifecycle state has something to show. */
export type DemoRequest = Readonly<{
  label: string;
  agency: AgencyKey;
  expect: string;
  /** Fields of the submission beyond the common ones built by `submissionFor`. */
  fields: Readonly<Record<string, unknown>> & Readonly<{ targets: readonly MemberName[] }>;
  steps: readonly DemoStep[];
}>;

const toReview: readonly DemoStep[] = [
  { by: 'ines', action: { type: 'triage' } },
  { by: 'ines', action: { type: 'complete_triage', requesterVerified: true } },
  { by: 'ines', action: { type: 'run_gate' } },
];
const reviewed = (notes: string): DemoStep => ({
  by: 'lena',
  action: { type: 'complete_legal_review', notes },
});
const proposed = (
  outcome: 'disclose' | 'reject' | 'preserve',
  reasonCodes: string[],
  categories: string[] = [],
): DemoStep => ({ by: 'lena', action: { type: 'propose_decision', outcome, reasonCodes, categories } });
const countersigned: DemoStep = { by: 'marc', action: { type: 'countersign' } };

/** The demo's requests; dates are relative to `now` so the world looks current whenever it is seeded. */
export function demoRequests(now: number): readonly DemoRequest[] {
  const period = { from: day(now - 180 * DAY), to: day(now - DAY) };
  const order = { expiresOn: day(now + 60 * DAY), reference: 'DEMO-NDO-2705B' };
  return [
    {
      label: 'received, not yet triaged',
      agency: 'fbi',
      expect: 'received',
      fields: { targets: ['amira'], offenceClassification: 'wire fraud' },
      steps: [],
    },
    {
      label: 'Hong Kong police: held by the pause, acknowledged and counted',
      agency: 'hkpf',
      expect: 'held_by_policy',
      fields: {
        targets: ['carrie'],
        instrumentType: 'records_court_order',
        legalBasis: 'National Security Law art. 43',
        offenceClassification: 'subversion',
      },
      steps: [],
    },
    {
      label: 'London police about a member in Hong Kong: held (the pause covers targets)',
      agency: 'met',
      expect: 'held_by_policy',
      fields: { targets: ['jimmy'], instrumentType: 'production_order', offenceClassification: 'fraud' },
      steps: [],
    },
    {
      label: 'Hong Kong emergency request: refused by the pause’s emergency rule',
      agency: 'hkpf',
      expect: 'rejected',
      fields: {
        targets: ['jimmy'],
        requestType: 'emergency_disclosure',
        instrumentType: 'emergency_request',
        categories: ['account_basic'],
        offenceClassification: 'threat to life',
        emergency: { factualBasis: 'Caller states a person is at imminent risk.' },
      },
      steps: [],
    },
    {
      label: 'in legal review',
      agency: 'fbi',
      expect: 'legal_review',
      fields: { targets: ['ben'], offenceClassification: 'wire fraud' },
      steps: toReview,
    },
    {
      label: 'disclosure proposed, awaiting the second signature',
      agency: 'bka',
      expect: 'decision',
      fields: { targets: ['dana'], instrumentType: 'production_order', offenceClassification: 'extortion' },
      steps: [
        ...toReview,
        reviewed('Order valid; basic data only.'),
        proposed('disclose', ['valid_legal_process'], ['account_basic']),
      ],
    },
    {
      label: 'produced under a non-disclosure order (package ready for the officer)',
      agency: 'fbi',
      expect: 'production',
      fields: { targets: ['amira'], offenceClassification: 'wire fraud', nonDisclosureOrder: order },
      steps: [
        ...toReview,
        reviewed('Valid subpoena; basic subscriber data only.'),
        proposed('disclose', ['valid_legal_process'], ['account_basic']),
        countersigned,
        { by: 'marc', action: { type: 'produce', categories: ['account_basic'], dateRange: period } },
      ],
    },
    {
      label: 'disclosure signed, member notice deferred by a non-disclosure order',
      agency: 'fbi',
      expect: 'notice_deferred',
      fields: {
        targets: ['ben'],
        instrumentType: 'records_court_order',
        offenceClassification: 'money laundering',
        nonDisclosureOrder: order,
      },
      steps: [
        ...toReview,
        reviewed('2703(d) order; account and device records.'),
        proposed('disclose', ['valid_legal_process'], ['account_basic', 'devices']),
        countersigned,
      ],
    },
    {
      label: 'narrowed by agreement with the officer, then signed; the member is told',
      agency: 'bka',
      expect: 'notice',
      fields: { targets: ['dana'], instrumentType: 'production_order', offenceClassification: 'fraud' },
      steps: [
        ...toReview,
        { by: 'lena', action: { type: 'request_clarification', question: 'Are device records needed?' } },
        {
          by: 'officer',
          action: {
            type: 'answer_clarification',
            answer: 'No; account data is enough.',
            narrowTo: { categories: ['account_basic'] },
          },
        },
        reviewed('Narrowed to account data.'),
        proposed('disclose', ['valid_legal_process', 'narrowed_by_agreement'], ['account_basic']),
        countersigned,
      ],
    },
    {
      label: 'rejected by two reviewers as overbroad',
      agency: 'met',
      expect: 'rejected',
      fields: {
        targets: ['edward'],
        instrumentType: 'production_order',
        offenceClassification: 'public order',
      },
      steps: [
        ...toReview,
        reviewed('Asks for everything over six months.'),
        proposed('reject', ['overbroad_or_vague']),
        countersigned,
      ],
    },
    {
      label: 'Brazil: redirected to the treaty route',
      agency: 'pf',
      expect: 'redirected',
      fields: {
        targets: ['fatima'],
        instrumentType: 'production_order',
        offenceClassification: 'defamation',
      },
      steps: [],
    },
    {
      label: 'withdrawn by the officer',
      agency: 'bka',
      expect: 'withdrawn',
      fields: { targets: ['dana'], instrumentType: 'production_order', offenceClassification: 'fraud' },
      steps: [
        { by: 'ines', action: { type: 'triage' } },
        { by: 'officer', action: { type: 'withdraw' } },
      ],
    },
    {
      label: 'preservation: metadata snapshot kept 90 days',
      agency: 'fbi',
      expect: 'preserved',
      fields: {
        targets: ['ben'],
        requestType: 'preservation',
        instrumentType: 'preservation_letter',
        offenceClassification: 'wire fraud',
      },
      steps: [
        ...toReview,
        reviewed('Preservation letter pending a warrant.'),
        proposed('preserve', ['valid_legal_process'], ['account_basic', 'devices']),
        countersigned,
      ],
    },
    {
      label: 'emergency: call-back to the registered number, then disclosed',
      agency: 'fbi',
      expect: 'notice',
      fields: {
        targets: ['amira'],
        requestType: 'emergency_disclosure',
        instrumentType: 'emergency_request',
        categories: ['account_basic'],
        offenceClassification: 'kidnapping',
        emergency: { factualBasis: 'A named person is said to be held; the caller gave +1 555 0100.' },
      },
      steps: [
        { by: 'ines', action: { type: 'triage' } },
        { by: 'ines', action: { type: 'complete_triage', requesterVerified: true } },
        { by: 'ines', action: { type: 'record_callback', numberDialed: '+1 202 324 3000', confirmed: true } },
        { by: 'ines', action: { type: 'run_gate' } },
        reviewed('Imminent danger confirmed by call-back; basic data only.'),
        proposed('disclose', ['emergency_verified'], ['account_basic']),
        countersigned,
      ],
    },
  ];
}
