import { randomBytes } from 'node:crypto';
import {
  type DisclosureLeaf,
  encodeLeaf,
  publicEventHash,
  type RequestEventKind,
  type RequestEventPublic,
} from '@parley/governance';

/** The life of a typical request, as the log records it: eight events. */
const lifecycle: readonly RequestEventKind[] = [
  'received',
  'triaged',
  'gate_passed',
  'legal_review_completed',
  'decision_proposed',
  'decision_signed',
  'notice_sent',
  'produced',
];
const jurisdictions = ['US', 'GB', 'DE', 'FR', 'HK', 'BR', 'IN', 'JP'] as const;
const hex = () => randomBytes(32).toString('hex');

/**
 * `n` disclosure-log leaves as the server writes them: request chains of eight linked events, interleaved
 * eight requests at a time, each with commitments (random here: verifiers cannot open them anyway).
 */
export function disclosureLeaves(n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let request = 0; out.length < n; request += 8) {
    const chains = jurisdictions.map((jurisdiction, i) => ({
      jurisdiction,
      chainId: randomBytes(16).toString('base64url'),
      prev: '',
      week: `2026-W${String(1 + ((request + i) % 52)).padStart(2, '0')}`,
    }));
    for (let seq = 0; seq < lifecycle.length; seq++) {
      for (const chain of chains) {
        if (out.length >= n) return out;
        const kind = lifecycle[seq] ?? 'received';
        const event: RequestEventPublic = {
          v: 1,
          type: 'request',
          kind,
          chainId: chain.chainId,
          seq,
          prev: chain.prev,
          isoWeek: chain.week,
          jurisdiction: chain.jurisdiction,
          authorityKind: 'police',
          requestType: 'legal_process',
          legalBasis: 'subpoena',
          channel: 'direct',
          decision: kind === 'decision_signed' ? 'disclose' : null,
          reasonCodes: kind === 'decision_signed' ? ['valid_legal_process'] : [],
          accountBucket: '1',
          categories: kind === 'produced' ? ['account_basic'] : [],
          policyStatus: 'ACCEPT',
        };
        const leaf: DisclosureLeaf = {
          leaf: 'event',
          event,
          commitments: { agency: hex(), caseReference: hex(), targets: hex(), documentSha256: hex() },
        };
        out.push(encodeLeaf(leaf));
        chain.prev = publicEventHash(event);
      }
    }
  }
  return out;
}
