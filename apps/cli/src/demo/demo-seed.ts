import { randomBytes } from 'node:crypto';
import { MemoryStore, ParleyClient } from '@parley/sdk';
import { nodeSocketFactory } from '@parley/sdk/node';
import { type Credentials, type Session, sessionOf, signIn } from './demo-api.ts';
import { type AgencyKey, demoAgencies, demoMembers, demoStaff, type StaffKey } from './demo-people.ts';
import { demoPolicies } from './demo-policies.ts';
import { checkServerForDemo } from './demo-preflight.ts';
import { demoRequests } from './demo-requests.ts';
import { submissionFor } from './demo-submission.ts';

export type DemoOptions = Readonly<{
  server: string;
  adminToken: string;
  force: boolean;
  /** Told after each policy, member, staff member, agency and request is in place. */
  onProgress?: (done: number, total: number) => void;
}>;

/** Everything the demo created, with the credentials to sign in as each person. */
export type DemoWorld = Readonly<{
  policies: readonly Readonly<{ jurisdiction: string; status: string; since: string; statement: string }>[];
  staff: readonly (Credentials & Readonly<{ username: string; name: string; roles: readonly string[] }>)[];
  agencies: readonly Readonly<{ name: string; jurisdiction: string; approved: boolean }>[];
  officers: readonly (Credentials & Readonly<{ email: string; agency: string }>)[];
  members: readonly Readonly<{ username: string; jurisdiction: string | null }>[];
  requests: readonly Readonly<{ reference: string; state: string; label: string; agency: string }>[];
  /** The current half-year's (interim) transparency report, published into the log. */
  report: Readonly<{ period: string; index: number }>;
}>;

/** The half-year of an instant, as reports name it: `2026-H2`. */
const halfYearOf = (time: number) => {
  const d = new Date(time);
  return `${d.getUTCFullYear()}-H${d.getUTCMonth() < 6 ? 1 : 2}`;
};

const newPassword = () => `demo-${randomBytes(12).toString('base64url')}`;

/**
 * Seeds a running server through its public API only, as the signed-in policy admin: jurisdiction history,
 * members, staff in every role, agencies and officers, and requests walked into every lifecycle state.
 * The history is proposed first, so a server that refuses it (it already has requests) is left unchanged.
 */
export async function seedDemo(options: DemoOptions): Promise<DemoWorld> {
  const { server } = options;
  const admin = sessionOf(server, options.adminToken);
  await checkServerForDemo(admin, options.force);
  const now = Date.now();
  const requestPlans = demoRequests(now);
  const total =
    demoPolicies.length + demoMembers.length + demoStaff.length + demoAgencies.length + requestPlans.length;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  const proposals = [];
  for (const body of demoPolicies) {
    proposals.push(await admin('importPolicy', { body }));
    tick();
  }

  for (const m of demoMembers) {
    const client = new ParleyClient({
      serverUrl: server,
      store: new MemoryStore(),
      socketFactory: nodeSocketFactory,
    });
    await client.register(m.username, m.jurisdiction === null ? {} : { jurisdiction: m.jurisdiction });
    await client.close();
    tick();
  }

  const staff: DemoWorld['staff'][number][] = [];
  const sessions = new Map<StaffKey, Session>();
  for (const s of demoStaff) {
    const password = newPassword();
    const created = await admin('createStaff', {
      body: { username: s.key, displayName: s.name, roles: [...s.roles], password },
    });
    const credentials = { password, totpSecret: created.totpSecret };
    staff.push({ username: s.key, name: s.name, roles: s.roles, ...credentials });
    sessions.set(s.key, await signIn(server, { kind: 'staff', username: s.key }, credentials));
    tick();
  }
  const as = (key: StaffKey): Session => {
    const session = sessions.get(key);
    if (session === undefined) throw new Error(`demo staff ${key} is not signed in`);
    return session;
  };

  const policies: DemoWorld['policies'][number][] = [];
  for (const p of proposals) {
    const { policy } = await as('hana')('signOffPolicy', { params: { proposalId: p.id } });
    policies.push({
      jurisdiction: policy.jurisdiction,
      status: policy.status,
      since: policy.effectiveFrom.slice(0, 10),
      statement: policy.statement,
    });
  }

  const agencies: DemoWorld['agencies'][number][] = [];
  const officers: DemoWorld['officers'][number][] = [];
  const officerSessions = new Map<AgencyKey, Session>();
  for (const a of demoAgencies) {
    const agency = await admin('createAgency', { body: a.agency });
    agencies.push({ name: a.agency.name, jurisdiction: a.agency.jurisdiction, approved: a.officer !== null });
    tick();
    if (a.officer === null) continue;
    await as('quinn')('approveAgency', { params: { agencyId: agency.id } });
    const password = newPassword();
    const created = await admin('createOfficer', {
      params: { agencyId: agency.id },
      body: { email: a.officer.email, name: a.officer.name, password },
    });
    const credentials = { password, totpSecret: created.totpSecret };
    officers.push({ email: a.officer.email, agency: a.agency.name, ...credentials });
    officerSessions.set(
      a.key,
      await signIn(server, { kind: 'officer', email: a.officer.email }, credentials),
    );
  }

  const requests: DemoWorld['requests'][number][] = [];
  for (const r of requestPlans) {
    const officer = officerSessions.get(r.agency);
    const issuer = demoAgencies.find((a) => a.key === r.agency)?.agency.name ?? r.agency;
    if (officer === undefined) throw new Error(`no demo officer for ${r.agency}`);
    const ack = await officer('submitRequest', { body: submissionFor(r, issuer, now) });
    let state = ack.state;
    for (const step of r.steps) {
      const actor = step.by === 'officer' ? officer : as(step.by);
      state = (await actor('actOnCase', { params: { reference: ack.reference }, body: step.action })).state;
    }
    if (state !== r.expect)
      throw new Error(`demo request "${r.label}" (${ack.reference}) ended in ${state}, not ${r.expect}`);
    requests.push({ reference: ack.reference, state, label: r.label, agency: issuer });
    tick();
  }
  const report = await admin('publishReport', { body: { period: halfYearOf(now) } });
  return {
    policies,
    staff,
    agencies,
    officers,
    members: demoMembers,
    requests,
    report: { period: report.period, index: report.index },
  };
}
