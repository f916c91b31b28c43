import { createHash } from 'node:crypto';
import { type RouteInput, toBase64url } from '@parley/protocol';
import type { AgencyKey } from './demo-people.ts';
import type { DemoRequest } from './demo-requests.ts';

const legalBasis: Readonly<Record<AgencyKey, string>> = {
  hkpf: 'National Security Law art. 43',
  fbi: '18 U.S.C. § 2703',
  bka: 'Regulation (EU) 2023/1543 art. 5',
  met: 'Police and Criminal Evidence Act 1984, sch. 1',
  pf: 'Marco Civil da Internet, art. 22',
};

/**
 * The full submission for a demo request, with a plain-text stand-in for the signed instrument (marked as
 * demo data) and its SHA-256, as an officer's client would send it.
 */
export function submissionFor(
  request: DemoRequest,
  issuer: string,
  now: number,
): RouteInput<'submitRequest'>['body'] {
  const { targets, instrumentType, ...fields } = request.fields;
  const today = new Date(now).toISOString().slice(0, 10);
  const type = typeof instrumentType === 'string' ? instrumentType : 'subpoena';
  const document = new TextEncoder().encode(
    `DEMO DATA - not a real legal instrument.\n${issuer}: ${type} of ${today} concerning ${targets.join(', ')}.\n`,
  );
  return {
    channel: 'direct',
    requestType: 'legal_process',
    dateRange: {
      from: new Date(now - 180 * 86_400_000).toISOString().slice(0, 10),
      to: new Date(now - 86_400_000).toISOString().slice(0, 10),
    },
    categories: ['account_basic', 'devices'],
    legalBasis: legalBasis[request.agency],
    attestation: { officialCapacity: true, statement: 'I act in my official capacity (demo).' },
    ...fields,
    targets: targets.map((username) => ({ username })),
    instrument: {
      type,
      issuer,
      date: today,
      signatory: 'Demo signatory',
      documentSha256: createHash('sha256').update(document).digest('hex'),
    },
    document: { mediaType: 'text/plain', content: toBase64url(document) },
  };
}
