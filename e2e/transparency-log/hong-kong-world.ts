import { createHash } from 'node:crypto';
import { OBJECTION_WINDOW_DAYS } from '@parley/governance';
import { type RouteInput, type RouteResponse, toBase64url } from '@parley/protocol';
import { MemoryStore, ParleyClient } from '@parley/sdk';
import { nodeSocketFactory } from '@parley/sdk/node';
import type { ManualClock, ParleyServer } from '@parley/server';
import { PASSWORD, reviewToDecision, signer } from '../governance/gov-driver.ts';
import { startLogServer } from './log-network.ts';

const DAY = 24 * 3600_000;
const document = new TextEncoder().encode('%PDF-1.4 order (fixture)\n');

const hkAssessment = {
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

export function submission(
  usernames: readonly string[],
  offence = 'fraud',
): RouteInput<'submitRequest'>['body'] {
  return {
    channel: 'direct',
    requestType: 'legal_process',
    targets: usernames.map((username) => ({ username })),
    dateRange: { from: '2020-01-01', to: '2020-06-30' },
    categories: ['account_basic', 'devices'],
    instrument: {
      type: 'subpoena',
      issuer: 'Court',
      date: '2020-07-01',
      signatory: 'Judge',
      documentSha256: createHash('sha256').update(document).digest('hex'),
    },
    legalBasis: 'statute s. 1',
    offenceClassification: offence,
    attestation: { officialCapacity: true, statement: 'I act in my official capacity.' },
    document: { mediaType: 'application/pdf', content: toBase64url(document) },
  };
}

export type HongKongWorld = Readonly<{
  server: ParleyServer;
  clock: ManualClock;
  /**
   * TOTP secrets of the staff by username and of the officers by e-mail (`officer@police.gov.hk`), so a test
   * can sign them in again (in a browser, say).
   */
  secrets: ReadonlyMap<string, string>;
  /** Acknowledgements of the three requests the pause holds. */
  held: readonly RouteResponse<'submitRequest'>[];
  /** Reference of the American request produced. */
  produced: string;
  close: () => Promise<void>;
}>;

/**
 * July 2020 through the API: Hong Kong accepting, then paused from 2020-07-06 on its assessment; the United
 * Kingdom and the United States accepting; a police force and one officer in each; members in each place.
 * Then two Hong Kong police requests (held), one British request about a Hong Kong member (held: the pause
 * covers targets) and one American request produced after two signatures. `webRoot` serves the built web
 * app too (the browser tests).
 */
export async function hongKongWorld(options: Readonly<{ webRoot?: string }> = {}): Promise<HongKongWorld> {
  const server = await startLogServer({ governanceSweepIntervalMs: 0, ...options }, '2020-07-01T09:00:00Z');
  const { clock, url } = server;
  const signIn = signer(url, clock);
  const init = await server.context.governance.registry.initFirstAdmin({
    username: 'pat',
    displayName: 'Pat',
    password: PASSWORD,
  });
  const secrets = new Map<string, string>([['pat', init.totpSecret]]);
  let admin = await signIn('staff', 'pat', init.totpSecret);
  const staff = async (username: string, roles: RouteInput<'createStaff'>['body']['roles']) => {
    const created = await admin('createStaff', {
      body: { username, displayName: username, roles, password: PASSWORD },
    });
    secrets.set(username, created.totpSecret);
    return signIn('staff', username, created.totpSecret);
  };
  let quin = await staff('quin', ['policy_admin']);
  const policy = async (body: Record<string, unknown>) => {
    const proposal = await admin('proposePolicy', {
      body: { scope: 'both', emergencyRule: 'allow', ...body } as RouteInput<'proposePolicy'>['body'],
    });
    await quin('signOffPolicy', { params: { proposalId: proposal.id } });
  };
  for (const [jurisdiction, name] of [
    ['HK', 'Hong Kong'],
    ['GB', 'the United Kingdom'],
    ['US', 'the United States'],
  ] as const)
    await policy({
      jurisdiction,
      effectiveFrom: '2020-07-01T10:00:00Z',
      status: 'ACCEPT',
      statement: `Parley accepts lawful requests from ${name}.`,
    });
  await policy({
    jurisdiction: 'HK',
    effectiveFrom: '2020-07-06T00:00:00Z',
    status: 'PAUSED',
    emergencyRule: 'deny',
    offenceDenylist: ['secession', 'subversion', 'terrorism', 'collusion with foreign forces'],
    assessment: hkAssessment,
    statement: HK_STATEMENT,
  });
  clock.advance(9 * DAY);
  // Sessions last eight hours.
  admin = await signIn('staff', 'pat', init.totpSecret);
  quin = await signIn('staff', 'quin', secrets.get('quin') ?? '');

  const members: ParleyClient[] = [];
  for (const [username, jurisdiction] of [
    ['carrie', 'HK'],
    ['dave', 'GB'],
    ['erin', 'US'],
  ] as const) {
    const client = new ParleyClient({
      serverUrl: url,
      store: new MemoryStore(),
      socketFactory: nodeSocketFactory,
    });
    await client.register(username, { jurisdiction });
    members.push(client);
  }
  const officer = async (name: string, jurisdiction: string, domain: string) => {
    const agency = await admin('createAgency', {
      body: {
        name,
        kind: 'police',
        jurisdiction,
        emailDomains: [domain],
        callbackNumber: '+1 555 0100',
        callbackSource: 'official government directory',
      },
    });
    await quin('approveAgency', { params: { agencyId: agency.id } });
    const email = `officer@${domain}`;
    const created = await admin('createOfficer', {
      params: { agencyId: agency.id },
      body: { email, name: 'Officer', password: PASSWORD },
    });
    secrets.set(email, created.totpSecret);
    return signIn('officer', email, created.totpSecret);
  };
  const hkPolice = await officer('Hong Kong Police Force', 'HK', 'police.gov.hk');
  const met = await officer('Metropolitan Police', 'GB', 'met.police.uk');
  const fbi = await officer('FBI', 'US', 'fbi.gov');
  const ivy = await staff('ivy', ['intake']);
  const lena = await staff('lena', ['legal_reviewer']);
  const marc = await staff('marc', ['legal_reviewer']);

  const held = [
    await hkPolice('submitRequest', { body: submission(['carrie'], 'subversion') }),
    await hkPolice('submitRequest', { body: submission(['carrie', 'dave']) }),
    await met('submitRequest', { body: submission(['carrie']) }),
  ];
  const us = await fbi('submitRequest', { body: submission(['erin']) });
  await reviewToDecision(us.reference, { intake: ivy, proposer: lena, countersigner: marc });
  // Erin was told; production waits for her objection window to close.
  clock.advance((OBJECTION_WINDOW_DAYS + 1) * DAY);
  const producer = await signIn('staff', 'marc', secrets.get('marc') ?? '');
  await producer('actOnCase', {
    params: { reference: us.reference },
    body: {
      type: 'produce',
      categories: ['account_basic'],
      dateRange: { from: '2020-01-01', to: '2020-06-30' },
    },
  });
  await server.context.transparencyLog.sequence();

  const close = async () => {
    for (const m of members) await m.close();
    await server.close();
  };
  return { server, clock, secrets, held, produced: us.reference, close };
}
