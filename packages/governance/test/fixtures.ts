import {
  type AgencyRecord,
  type DueDiligenceAssessment,
  type EmergencyRule,
  type JurisdictionPolicy,
  type LegalFramework,
  type RequestCase,
  receiveRequest,
  type StaffActor,
  type Submission,
  validateSubmission,
} from '../src/index.ts';

export const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);
export const HK_PAUSE = day('2020-07-06');

export const staff = {
  intake: { kind: 'staff', id: 'ivy', roles: ['intake'] },
  reviewerA: { kind: 'staff', id: 'lena', roles: ['legal_reviewer'] },
  reviewerB: { kind: 'staff', id: 'marc', roles: ['legal_reviewer'] },
  rights: { kind: 'staff', id: 'hana', roles: ['human_rights_lead'] },
  admin: { kind: 'staff', id: 'pat', roles: ['policy_admin'] },
  admin2: { kind: 'staff', id: 'quin', roles: ['policy_admin'] },
  auditor: { kind: 'staff', id: 'aud', roles: ['auditor'] },
} as const satisfies Record<string, StaffActor>;

export const agencies = {
  hkPolice: { id: 'ag-hkpf', kind: 'police', jurisdiction: 'HK', registeredCallbackNumber: '+852 2860 2000' },
  usFbi: { id: 'ag-fbi', kind: 'police', jurisdiction: 'US', registeredCallbackNumber: '+1 202 324 3000' },
  dePolice: { id: 'ag-bka', kind: 'police', jurisdiction: 'DE', registeredCallbackNumber: '+49 611 550' },
} as const satisfies Record<string, AgencyRecord>;

export const hkAssessment: DueDiligenceAssessment = {
  trigger: 'National Security Law for Hong Kong in force',
  triggerDate: '2020-06-30',
  effectOnPrivacyAndExpression:
    'Vague offences of secession and subversion criminalise peaceful speech and assembly.',
  effectOnProducts: 'Any metadata produced may identify members engaged in protected expression.',
  affectedGroups: ['journalists', 'activists', 'lawyers', 'ordinary members in Hong Kong'],
  expertsConsulted: ['independent human-rights counsel', 'regional civil-society groups'],
  mitigations: ['pause all requests', 'count and publish every request received'],
  recommendation: 'Pause all requests from and about Hong Kong pending further assessment.',
  seniorSignOff: { name: 'R. Chair', title: 'General Counsel', date: '2020-07-05' },
  nextReviewDate: '2021-01-06',
};

const usFramework: LegalFramework = {
  instruments: [
    { type: 'subpoena', localName: 'subpoena (18 U.S.C. § 2703(c)(2))', maxTier: 'basic_subscriber' },
    { type: 'records_court_order', localName: '2703(d) order', maxTier: 'non_content_records' },
    { type: 'search_warrant', localName: 'search warrant', maxTier: 'content' },
  ],
  deadlines: [],
  nonDisclosure: { maxDays: 90, extendable: true, source: '18 U.S.C. § 2705(b)' },
  channels: ['direct'],
};

export const euFramework: LegalFramework = {
  instruments: [{ type: 'production_order', localName: 'European Production Order', maxTier: 'content' }],
  deadlines: [
    {
      instrument: 'production_order',
      hours: 240,
      emergencyHours: 8,
      source: 'Regulation (EU) 2023/1543 art. 10',
    },
  ],
  nonDisclosure: null,
  channels: ['eu_production_order'],
};

type PolicyOverrides = Partial<JurisdictionPolicy>;

export function policy(jurisdiction: string, overrides: PolicyOverrides = {}): JurisdictionPolicy {
  return {
    jurisdiction,
    version: 1,
    effectiveFrom: day('2019-01-01'),
    status: 'ACCEPT',
    scope: 'both',
    emergencyRule: 'allow',
    preservationAllowed: null,
    restriction: null,
    offenceDenylist: [],
    framework: { instruments: [], deadlines: [], nonDisclosure: null, channels: ['direct'] },
    assessment: null,
    statement: `Parley accepts lawful requests from ${jurisdiction}.`,
    treatyNotice: null,
    proposedBy: 'pat',
    signedOffBy: 'quin',
    ...overrides,
  };
}

export function hkPaused(emergencyRule: EmergencyRule = 'deny'): JurisdictionPolicy {
  return policy('HK', {
    version: 2,
    effectiveFrom: HK_PAUSE,
    status: 'PAUSED',
    emergencyRule,
    offenceDenylist: ['secession', 'subversion', 'terrorism', 'collusion with foreign forces'],
    assessment: hkAssessment,
    statement:
      'Parley has paused all requests from and about Hong Kong pending a human-rights assessment of the National Security Law.',
  });
}

export function worldPolicies(emergencyRule: EmergencyRule = 'deny'): JurisdictionPolicy[] {
  return [
    policy('HK'),
    hkPaused(emergencyRule),
    policy('US', { framework: usFramework }),
    policy('DE', { framework: euFramework }),
  ];
}

export function submissionInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    requestType: 'legal_process',
    targets: [{ username: 'alice' }],
    dateRange: { from: '2026-01-01', to: '2026-03-31' },
    categories: ['account_basic', 'devices'],
    instrument: {
      type: 'subpoena',
      issuer: 'U.S. District Court, N.D. Cal.',
      date: '2026-04-01',
      signatory: 'Clerk of Court',
      documentSha256: 'a'.repeat(64),
    },
    legalBasis: '18 U.S.C. § 2703(c)(2)',
    offenceClassification: 'wire fraud',
    attestation: { officialCapacity: true, statement: 'I act in my official capacity.' },
    ...overrides,
  };
}

export function validSubmission(overrides: Record<string, unknown> = {}): Submission {
  const r = validateSubmission(submissionInput(overrides));
  if (!r.ok) throw new Error(`fixture invalid: ${JSON.stringify(r.problems)}`);
  return r.submission;
}

let counter = 0;

export function receive(
  agency: AgencyRecord,
  overrides: Record<string, unknown> = {},
  opts: { targetJurisdictions?: (string | null)[]; policies?: JurisdictionPolicy[]; now?: number } = {},
): ReturnType<typeof receiveRequest> {
  counter += 1;
  const submission = validSubmission(overrides);
  return receiveRequest(
    {
      reference: `PR-${String(counter).padStart(5, '0')}`,
      chainId: `chain-${counter}`,
      agency,
      officerId: `officer-of-${agency.id}`,
      channel: 'direct',
      submission,
      flags: [],
      targetJurisdictions: opts.targetJurisdictions ?? submission.targets.map(() => null),
      policies: opts.policies ?? worldPolicies(),
    },
    opts.now ?? day('2026-04-02'),
  );
}

export const officerOf = (agency: AgencyRecord) =>
  ({ kind: 'officer', id: `officer-of-${agency.id}`, agencyId: agency.id }) as const;

export type { RequestCase };

/** Runs `fn` and returns what it threw; fails the test when it throws nothing. */
export function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
