import { createHash } from 'node:crypto';
import { generateSigningKeyPair, signWithLabel } from '@parley/crypto';
import { encodeDeviceList, signedDeviceList, toBase64url } from '@parley/protocol';
import { call, login, randomId } from '../support/raw-client.ts';

/** Registers a member who declared `jurisdiction` (or nothing) and signs its one device in. */
export async function registerMember(baseUrl: string, username: string, jurisdiction: string | null) {
  const account = generateSigningKeyPair();
  const device = generateSigningKeyPair();
  const deviceId = randomId();
  const list = encodeDeviceList({
    username,
    version: 1,
    devices: [{ deviceId, signatureKey: toBase64url(device.publicKey), addedAt: '2020-07-01' }],
  });
  const r = await call(baseUrl, 'register', {
    body: {
      accountKey: toBase64url(account.publicKey),
      deviceList: signedDeviceList(list, signWithLabel('device-list', account.privateKey, list)),
      jurisdiction,
    },
  });
  if (r.status !== 201) throw new Error(`register failed: ${JSON.stringify(r.body)}`);
  return { username, deviceId, token: await login(baseUrl, username, deviceId, device.privateKey) };
}

const documentBytes = new TextEncoder().encode('%PDF-1.4 court order (test fixture)\n');

/** A complete submission with its uploaded document; `overrides` replace top-level fields. */
export function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    requestType: 'legal_process',
    targets: [{ username: 'alice' }],
    dateRange: { from: '2020-01-01', to: '2020-06-30' },
    categories: ['account_basic', 'devices'],
    instrument: {
      type: 'subpoena',
      issuer: 'Court',
      date: '2020-07-01',
      signatory: 'Judge',
      documentSha256: createHash('sha256').update(documentBytes).digest('hex'),
    },
    legalBasis: 'statute s. 1',
    offenceClassification: 'fraud',
    attestation: { officialCapacity: true, statement: 'I act in my official capacity.' },
    document: { mediaType: 'application/pdf', content: toBase64url(documentBytes) },
    ...overrides,
  };
}

export const hkAssessment = {
  trigger: 'National Security Law for Hong Kong in force',
  triggerDate: '2020-06-30',
  effectOnPrivacyAndExpression: 'Vague offences of secession and subversion criminalise peaceful speech.',
  effectOnProducts: 'Any metadata produced may identify members engaged in protected expression.',
  affectedGroups: ['journalists', 'activists', 'lawyers'],
  expertsConsulted: ['independent human-rights counsel'],
  mitigations: ['pause all requests', 'count and publish every request received'],
  recommendation: 'Pause all requests from and about Hong Kong pending further assessment.',
  seniorSignOff: { name: 'R. Chair', title: 'General Counsel', date: '2020-07-05' },
  nextReviewDate: '2021-01-06',
};

export const HK_STATEMENT =
  'Parley has paused all requests from and about Hong Kong pending a human-rights assessment of the National Security Law.';
