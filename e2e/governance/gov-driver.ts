import { createHash } from 'node:crypto';
import { type RouteInput, type RouteName, type RouteResponse, routes, toBase64url } from '@parley/protocol';
import { createServer, ManualClock, type ParleyServer, totpCode } from '@parley/server';

export const PASSWORD = 'correct horse battery staple';

export type Caller = <N extends RouteName>(
  name: N,
  input?: Partial<RouteInput<N>>,
) => Promise<RouteResponse<N>>;

/** Calls a route with a staff or officer session; any status but the route's success throws. */
export function caller(url: string, token: string): Caller {
  return async (name, input = {}) => {
    const route = routes[name];
    let path: string = route.path;
    for (const [key, value] of Object.entries(input.params ?? {}))
      path = path.replace(`:${key}`, encodeURIComponent(String(value)));
    const response = await fetch(`${url}${path}`, {
      method: route.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(input.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
    });
    const body = await response.json();
    if (response.status !== route.status)
      throw new Error(`${name}: ${response.status} ${JSON.stringify(body)}`);
    return body;
  };
}

/**
 * Signs a staff member or officer in with the current TOTP code and returns their caller. Each code works
 * once, so the clock moves to the next 30-second step first.
 */
export function signer(url: string, clock: ManualClock) {
  return async (kind: 'staff' | 'officer', name: string, secret: string): Promise<Caller> => {
    clock.advance(30_000);
    const totp = totpCode(secret, clock.now());
    const session =
      kind === 'staff'
        ? await caller(url, '')('staffLogin', { body: { username: name, password: PASSWORD, totp } })
        : await caller(url, '')('officerLogin', { body: { email: name, password: PASSWORD, totp } });
    return caller(url, session.token);
  };
}

/**
 * Takes a request from intake to a decision to disclose account data, signed by two reviewers: triage and
 * the gate by intake, legal review and the proposal by one reviewer, the countersignature by another.
 */
export async function reviewToDecision(
  reference: string,
  staff: Readonly<{ intake: Caller; proposer: Caller; countersigner: Caller }>,
): Promise<void> {
  const act = (who: Caller, body: RouteInput<'actOnCase'>['body']) =>
    who('actOnCase', { params: { reference }, body });
  await act(staff.intake, { type: 'triage' });
  await act(staff.intake, { type: 'complete_triage', requesterVerified: true });
  await act(staff.intake, { type: 'run_gate' });
  await act(staff.proposer, { type: 'complete_legal_review', notes: 'Valid.' });
  await act(staff.proposer, {
    type: 'propose_decision',
    outcome: 'disclose',
    reasonCodes: ['valid_legal_process'],
    categories: ['account_basic'],
  });
  await act(staff.countersigner, { type: 'countersign' });
}

/**
 * A governance world for cross-app tests: a server on a manual clock with a first policy admin, a US policy,
 * an approved FBI with one officer, and staff for intake and legal review, all set up through the API.
 * `webRoot` serves the built web app too (the browser tests); `logSequenceIntervalMs: 0` leaves sequencing the
 * transparency log to the test (`server.context.transparencyLog.sequence()`).
 */
export async function startGovWorld(
  options: Readonly<{ webRoot?: string; logSequenceIntervalMs?: number }> = {},
) {
  const clock = new ManualClock('2026-04-01T09:00:00Z');
  const server: ParleyServer = await createServer({
    port: 0,
    host: '127.0.0.1',
    clock,
    governanceSweepIntervalMs: 0,
    ...options,
  });
  const url = server.url;
  const signIn = signer(url, clock);
  const init = await server.context.governance.registry.initFirstAdmin({
    username: 'pat',
    displayName: 'Pat',
    password: PASSWORD,
  });
  const admin = await signIn('staff', 'pat', init.totpSecret);
  /** TOTP secrets by username or e-mail, so a test can sign in again (through the CLI, say). */
  const secrets: Record<string, string> = { pat: init.totpSecret };
  const staff = async (username: string, roles: RouteInput<'createStaff'>['body']['roles']) => {
    const created = await admin('createStaff', {
      body: { username, displayName: username, roles, password: PASSWORD },
    });
    secrets[username] = created.totpSecret;
    return signIn('staff', username, created.totpSecret);
  };
  const quin = await staff('quin', ['policy_admin']);
  const ivy = await staff('ivy', ['intake']);
  const lena = await staff('lena', ['legal_reviewer']);
  const marc = await staff('marc', ['legal_reviewer']);
  await staff('audrey', ['auditor']);
  const proposal = await admin('proposePolicy', {
    body: {
      jurisdiction: 'US',
      effectiveFrom: '2026-04-01T12:00:00Z',
      status: 'ACCEPT',
      scope: 'both',
      emergencyRule: 'allow',
      framework: {
        instruments: [{ type: 'subpoena', localName: 'subpoena', maxTier: 'basic_subscriber' }],
        deadlines: [{ instrument: 'any', hours: 240, emergencyHours: 8, source: 'policy' }],
        nonDisclosure: { maxDays: 90, extendable: true, source: '18 U.S.C. § 2705(b)' },
        channels: ['direct'],
      },
      statement: 'Parley accepts lawful requests from the United States.',
    },
  });
  await quin('signOffPolicy', { params: { proposalId: proposal.id } });
  clock.advance(4 * 3600_000);
  const agency = await admin('createAgency', {
    body: {
      name: 'FBI',
      kind: 'police',
      jurisdiction: 'US',
      emailDomains: ['fbi.gov'],
      callbackNumber: '+1 202 324 3000',
      callbackSource: 'official government directory',
    },
  });
  await quin('approveAgency', { params: { agencyId: agency.id } });
  const officer = await admin('createOfficer', {
    params: { agencyId: agency.id },
    body: { email: 'agent.smith@fbi.gov', name: 'Agent Smith', password: PASSWORD },
  });
  secrets['agent.smith@fbi.gov'] = officer.totpSecret;
  const fbi = await signIn('officer', 'agent.smith@fbi.gov', officer.totpSecret);

  /** A subpoena for `usernames` under a non-disclosure order, signed twice and produced. */
  const disclosedUnderOrder = async (usernames: readonly string[], orderExpires: string) => {
    const document = new TextEncoder().encode('%PDF-1.4 subpoena (fixture)\n');
    const ack = await fbi('submitRequest', {
      body: {
        channel: 'direct',
        requestType: 'legal_process',
        targets: usernames.map((username) => ({ username })),
        dateRange: { from: '2026-01-01', to: '2026-03-31' },
        categories: ['account_basic', 'devices'],
        instrument: {
          type: 'subpoena',
          issuer: 'Grand jury',
          date: '2026-04-01',
          signatory: 'Clerk',
          documentSha256: createHash('sha256').update(document).digest('hex'),
        },
        legalBasis: '18 U.S.C. § 2703(c)(2)',
        offenceClassification: 'wire fraud',
        attestation: { officialCapacity: true, statement: 'I act in my official capacity.' },
        nonDisclosureOrder: { expiresOn: orderExpires, reference: 'NDO-E2E-9' },
        document: { mediaType: 'application/pdf', content: toBase64url(document) },
      },
    });
    await reviewToDecision(ack.reference, { intake: ivy, proposer: lena, countersigner: marc });
    await marc('actOnCase', {
      params: { reference: ack.reference },
      body: {
        type: 'produce',
        categories: ['account_basic'],
        dateRange: { from: '2026-01-01', to: '2026-03-31' },
      },
    });
    return ack.reference;
  };
  return { server, url, clock, secrets, disclosedUnderOrder };
}
