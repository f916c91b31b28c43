import type { RouteInput } from '@parley/protocol';

type PolicyImport = RouteInput<'importPolicy'>['body'];
type Framework = NonNullable<PolicyImport['framework']>;

const usFramework: Framework = {
  instruments: [
    { type: 'subpoena', localName: 'subpoena (18 U.S.C. § 2703(c)(2))', maxTier: 'basic_subscriber' },
    { type: 'records_court_order', localName: '2703(d) order', maxTier: 'non_content_records' },
    { type: 'search_warrant', localName: 'search warrant (18 U.S.C. § 2703(a))', maxTier: 'content' },
    {
      type: 'emergency_request',
      localName: 'emergency disclosure request (§ 2702(c)(4))',
      maxTier: 'non_content_records',
    },
    { type: 'preservation_letter', localName: 'preservation letter (§ 2703(f))', maxTier: null },
  ],
  deadlines: [{ instrument: 'any', hours: 240, emergencyHours: 8, source: 'Parley service commitment' }],
  nonDisclosure: { maxDays: 90, extendable: true, source: '18 U.S.C. § 2705(b)' },
  channels: ['direct', 'mlat'],
};

const euFramework: Framework = {
  instruments: [
    { type: 'production_order', localName: 'European Production Order', maxTier: 'content' },
    { type: 'preservation_letter', localName: 'European Preservation Order', maxTier: null },
  ],
  deadlines: [
    {
      instrument: 'production_order',
      hours: 240,
      emergencyHours: 8,
      source: 'Regulation (EU) 2023/1543 art. 10',
    },
  ],
  nonDisclosure: null,
  channels: ['direct', 'eu_production_order'],
};

const ukFramework: Framework = {
  instruments: [
    { type: 'production_order', localName: 'production order (PACE 1984 sch. 1)', maxTier: 'content' },
    {
      type: 'administrative_request',
      localName: 'IPA 2016 Part 3 authorisation',
      maxTier: 'basic_subscriber',
    },
  ],
  deadlines: [{ instrument: 'any', hours: 240, emergencyHours: 8, source: 'Parley service commitment' }],
  nonDisclosure: null,
  channels: ['direct', 'cloud_act_agreement'],
};

/** The published reasons for the Hong Kong pause; every field of the due-diligence record is filled. */
export const hongKongAssessment: NonNullable<PolicyImport['assessment']> = {
  trigger: 'The National Security Law for Hong Kong came into force on 2020-06-30.',
  triggerDate: '2020-06-30',
  effectOnPrivacyAndExpression:
    'Vaguely defined offences of secession, subversion, terrorism and collusion with foreign forces reach peaceful speech, assembly and contact with foreign journalists; requests under it cannot be assessed against international human-rights standards.',
  effectOnProducts:
    'Any account or device record produced could identify members engaged in protected expression; message content is end-to-end encrypted and never available.',
  affectedGroups: [
    'journalists',
    'pro-democracy activists',
    'lawyers',
    'ordinary members located in Hong Kong',
  ],
  expertsConsulted: [
    'independent human-rights counsel',
    'Hong Kong civil-society organisations',
    'academic experts on Hong Kong law',
  ],
  mitigations: [
    'pause all requests from and about Hong Kong',
    'receive, acknowledge and count every request, and publish the counts',
    'refuse emergency requests while the pause holds',
  ],
  recommendation: 'Pause every request issued in Hong Kong or about members located there, pending review.',
  seniorSignOff: { name: 'R. Chair', title: 'General Counsel', date: '2020-07-05' },
  nextReviewDate: '2027-01-06',
};

const brazilAssessment: NonNullable<PolicyImport['assessment']> = {
  trigger: 'Direct requests from Brazilian authorities for data Parley holds abroad.',
  triggerDate: '2023-03-01',
  effectOnPrivacyAndExpression:
    'Direct orders bypass the judicial review in Parley’s home jurisdiction that the treaty route provides.',
  effectOnProducts: 'None beyond the delay of the treaty route.',
  affectedGroups: ['members located in Brazil'],
  expertsConsulted: ['external counsel in São Paulo'],
  mitigations: ['point every authority to the treaty route in the acknowledgement'],
  recommendation: 'Redirect requests to the mutual legal assistance treaty route.',
  seniorSignOff: { name: 'R. Chair', title: 'General Counsel', date: '2023-03-10' },
  nextReviewDate: '2027-03-10',
};

const accept = (
  jurisdiction: string,
  name: string,
  framework: Framework,
  effectiveFrom: string,
): PolicyImport => ({
  jurisdiction,
  effectiveFrom,
  status: 'ACCEPT',
  scope: 'both',
  emergencyRule: 'allow',
  preservationAllowed: null,
  restriction: null,
  offenceDenylist: [],
  framework,
  assessment: null,
  statement: `Parley accepts lawful requests from ${name} that meet its legal framework.`,
  treatyNotice: null,
  provenance: 'DEMO DATA: an invented record for trying Parley.',
});

/** The demo world's jurisdiction history, recorded through the historical-import route. */
export const demoPolicies: readonly PolicyImport[] = [
  {
    jurisdiction: 'HK',
    effectiveFrom: '2020-07-06T00:00:00Z',
    status: 'PAUSED',
    scope: 'both',
    emergencyRule: 'deny',
    preservationAllowed: false,
    restriction: null,
    offenceDenylist: ['secession', 'subversion', 'terrorism', 'collusion with foreign forces'],
    framework: {
      instruments: [
        {
          type: 'records_court_order',
          localName: 'production order (NSL art. 43)',
          maxTier: 'non_content_records',
        },
      ],
      deadlines: [],
      nonDisclosure: null,
      channels: ['direct'],
    },
    assessment: hongKongAssessment,
    statement:
      'Parley has paused all requests from and about Hong Kong since 2020-07-06, pending a human-rights assessment of the National Security Law. Requests are received, acknowledged and counted, and no data is produced.',
    treatyNotice: null,
    provenance: 'DEMO DATA: modelled on the pauses announced by several platforms in July 2020.',
  },
  {
    jurisdiction: 'BR',
    effectiveFrom: '2023-03-15T00:00:00Z',
    status: 'REDIRECT_MLAT',
    scope: 'issuer',
    emergencyRule: 'case_by_case',
    preservationAllowed: true,
    restriction: null,
    offenceDenylist: [],
    framework: { instruments: [], deadlines: [], nonDisclosure: null, channels: ['mlat'] },
    assessment: brazilAssessment,
    statement: 'Parley answers requests from Brazil through the mutual legal assistance treaty only.',
    treatyNotice:
      'Send the request through Brazil’s central authority (DRCI, Ministry of Justice) under the mutual legal assistance treaty.',
    provenance: 'DEMO DATA: an invented record for trying Parley.',
  },
  accept('US', 'the United States', usFramework, '2019-01-01T00:00:00Z'),
  accept('DE', 'Germany', euFramework, '2019-01-01T00:00:00Z'),
  accept('GB', 'the United Kingdom', ukFramework, '2019-01-01T00:00:00Z'),
];
