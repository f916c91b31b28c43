import type { RouteInput } from '@parley/protocol';

export type TargetDraft = Readonly<{ kind: 'username' | 'accountId'; value: string }>;

/** The uploaded instrument, read and hashed in the page. */
export type DocumentDraft = Readonly<{
  name: string;
  mediaType: string;
  bytes: number;
  /** base64url, as the API carries it. */
  content: string;
  sha256: string;
}>;

/** Everything the officer has typed so far, as typed: the submission is built from it only when sent. */
export type RequestDraft = Readonly<{
  requestType: string;
  targets: readonly TargetDraft[];
  from: string;
  to: string;
  categories: readonly string[];
  instrumentType: string;
  issuer: string;
  instrumentDate: string;
  signatory: string;
  document: DocumentDraft | undefined;
  legalBasis: string;
  offenceClassification: string;
  emergencyBasis: string;
  nonDisclosure: boolean;
  nonDisclosureExpiresOn: string;
  nonDisclosureReference: string;
  /** Never carried over: the officer attests afresh for every request. */
  attested: boolean;
}>;

export function emptyDraft(): RequestDraft {
  return {
    requestType: 'legal_process',
    targets: [{ kind: 'username', value: '' }],
    from: '',
    to: '',
    categories: [],
    instrumentType: '',
    issuer: '',
    instrumentDate: '',
    signatory: '',
    document: undefined,
    legalBasis: '',
    offenceClassification: '',
    emergencyBasis: '',
    nonDisclosure: false,
    nonDisclosureExpiresOn: '',
    nonDisclosureReference: '',
    attested: false,
  };
}

export const attestationText =
  'I make this request in my official capacity, under the authority of the legal instrument attached, and the information in it is true and complete to the best of my knowledge.';

/**
 * The submission as the officer API takes it. Empty fields are sent empty (or left out) rather than
 * checked here: the server's intake names every problem with its field, and the form shows them there.
 */
export function toSubmission(draft: RequestDraft): RouteInput<'submitRequest'>['body'] {
  const trimmed = (s: string) => s.trim();
  const targets = draft.targets
    .filter((t) => t.value.trim() !== '')
    .map((t) => (t.kind === 'username' ? { username: t.value.trim() } : { accountId: t.value.trim() }));
  return {
    channel: 'direct',
    requestType: draft.requestType,
    targets,
    ...(draft.from.trim() || draft.to.trim()
      ? { dateRange: { from: trimmed(draft.from), to: trimmed(draft.to) } }
      : {}),
    categories: [...draft.categories],
    instrument: {
      type: draft.instrumentType,
      issuer: trimmed(draft.issuer),
      date: trimmed(draft.instrumentDate),
      signatory: trimmed(draft.signatory),
      documentSha256: draft.document?.sha256 ?? '',
    },
    legalBasis: trimmed(draft.legalBasis),
    offenceClassification: trimmed(draft.offenceClassification),
    attestation: { officialCapacity: draft.attested, statement: attestationText },
    ...(draft.requestType === 'emergency_disclosure'
      ? { emergency: { factualBasis: trimmed(draft.emergencyBasis) } }
      : {}),
    ...(draft.nonDisclosure
      ? {
          nonDisclosureOrder: {
            expiresOn: trimmed(draft.nonDisclosureExpiresOn),
            reference: trimmed(draft.nonDisclosureReference),
          },
        }
      : {}),
    ...(draft.document
      ? { document: { mediaType: draft.document.mediaType, content: draft.document.content } }
      : {}),
  };
}

/**
 * Which control of the form a server problem belongs to. The document's hash is computed from the upload,
 * so a hash problem is shown at the upload; a problem with no field is shown at the top of the form.
 */
export function slotOf(field: string): string {
  if (field === 'instrument.documentSha256' || field === 'document') return 'document';
  if (field === 'instrument') return 'instrument.type';
  if (field.startsWith('attestation')) return 'attestation';
  if (field.startsWith('nonDisclosureOrder')) return 'nonDisclosureOrder';
  if (field.startsWith('dateRange')) return 'dateRange';
  if (field.startsWith('categories')) return 'categories';
  return field;
}
