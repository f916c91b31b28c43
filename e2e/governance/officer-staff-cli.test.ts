import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { totpCode } from '@parley/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startGovWorld } from './gov-driver.ts';

const cli = fileURLToPath(new URL('../../apps/cli/bin/parley.mjs', import.meta.url));

let world: Awaited<ReturnType<typeof startGovWorld>>;
let home: string;
const printed: string[] = [];

/** Runs `parley` for one person (their own profile directory), with `stdin` piped in; fails on a non-zero exit. */
function parley(who: string, args: readonly string[], stdin = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [
      cli,
      '--server',
      world.url,
      '--profile',
      join(home, who),
      ...args,
    ]);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (err += String(d)));
    child.on('close', (code) => {
      printed.push(out, err);
      if (code === 0) resolve(out.trim());
      else reject(new Error(`parley ${args.join(' ')} exited ${code}: ${err}`));
    });
    child.stdin.end(stdin);
  });
}
const json = async (who: string, args: readonly string[], stdin = '') =>
  (await parley(who, ['--json', ...args], stdin)).split('\n').map((line) => JSON.parse(line));

/** Signs in through the CLI with the current code (the clock moves on so each code is fresh). */
async function login(kind: 'staff' | 'officer', name: string, who: string) {
  world.clock.advance(30_000);
  const code = totpCode(world.secrets[name] ?? '', world.clock.now());
  return parley(who, [kind, 'login', name, '--code', code], `${PASSWORD}\n`);
}

beforeAll(async () => {
  world = await startGovWorld();
  home = await mkdtemp(join(tmpdir(), 'parley-gov-cli-'));
});
afterAll(async () => {
  await world?.server.close();
  await rm(home, { recursive: true, force: true });
});

describe('officer and staff commands', () => {
  it('submit, review, withdraw, sign off a policy and read the audit trail, without printing a session', async () => {
    await login('officer', 'agent.smith@fbi.gov', 'smith');
    const document = new TextEncoder().encode('%PDF-1.4 subpoena via the CLI\n');
    await writeFile(join(home, 'order.pdf'), document);
    await writeFile(
      join(home, 'request.json'),
      JSON.stringify({
        requestType: 'legal_process',
        targets: [{ username: 'nobody-yet' }],
        dateRange: { from: '2026-01-01', to: '2026-03-31' },
        categories: ['account_basic'],
        instrument: { type: 'subpoena', issuer: 'Grand jury', date: '2026-04-01', signatory: 'Clerk' },
        legalBasis: '18 U.S.C. § 2703(c)(2)',
        offenceClassification: 'wire fraud',
        attestation: { officialCapacity: true, statement: 'I act in my official capacity.' },
      }),
    );
    const [ack] = await json('smith', [
      'officer',
      'submit',
      join(home, 'request.json'),
      '--document',
      join(home, 'order.pdf'),
    ]);
    expect(ack).toMatchObject({ state: 'received' });
    const reference: string = ack.reference;

    await login('staff', 'ivy', 'ivy');
    const queue = await json('ivy', ['staff', 'queue', '--state', 'received']);
    expect(queue.map((c) => c.reference)).toEqual([reference]);
    expect(await parley('ivy', ['staff', 'act', reference, '{"type":"triage"}'])).toBe(
      `${reference}: triage`,
    );
    const [shown] = await json('ivy', ['staff', 'show', reference]);
    expect(shown.detail.submission.instrument.documentSha256).toBe(
      createHash('sha256').update(document).digest('hex'),
    );
    // A refusal is the protocol's error, naming the case's state.
    await expect(parley('ivy', ['staff', 'act', reference, '{"type":"countersign"}'])).rejects.toThrow(
      /invalid_transition: Cannot countersign a case in state "triage"/,
    );

    const [status] = await json('smith', ['officer', 'status', reference]);
    expect(status).toMatchObject({ reference, state: 'triage', detail: null });
    expect(await parley('smith', ['officer', 'withdraw', reference])).toBe(`${reference}: withdrawn`);

    await login('staff', 'pat', 'pat');
    await login('staff', 'quin', 'quin');
    const [proposal] = await json('pat', [
      'staff',
      'policy',
      'propose',
      JSON.stringify({
        jurisdiction: 'GB',
        effectiveFrom: new Date(world.clock.now().getTime() + 3600_000).toISOString(),
        status: 'ACCEPT',
        scope: 'both',
        emergencyRule: 'allow',
        statement: 'Parley accepts lawful requests from the United Kingdom.',
      }),
    ]);
    await expect(parley('pat', ['staff', 'policy', 'sign-off', proposal.id])).rejects.toThrow(
      /self_sign_off|policy_rejected|self_approval/,
    );
    expect(await parley('quin', ['staff', 'policy', 'sign-off', proposal.id])).toContain('Signed off');

    await login('staff', 'audrey', 'audrey');
    const audit = await json('audrey', ['staff', 'audit']);
    expect(audit.at(-1)).toMatchObject({ verification: { ok: true } });
    expect(audit.some((e) => e.action === 'withdraw' && e.object === reference)).toBe(true);

    // Sessions live in the profile, readable by their owner only, and are never printed.
    const file = join(home, 'ivy', 'gov-staff-session.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const { token } = JSON.parse(await readFile(file, 'utf8'));
    expect(token.length).toBeGreaterThan(20);
    for (const person of ['ivy', 'smith', 'pat', 'quin', 'audrey']) {
      const kind = person === 'smith' ? 'officer' : 'staff';
      const saved = JSON.parse(await readFile(join(home, person, `gov-${kind}-session.json`), 'utf8'));
      expect(printed.join('\n')).not.toContain(saved.token);
    }
  }, 300_000);
  it('publishes a half-year report as a policy admin and prints it for anyone', async () => {
    await login('staff', 'quin', 'quin');
    const [published] = await json('quin', ['staff', 'report', 'publish', '2026-H1']);
    expect(published).toMatchObject({ period: '2026-H1' });
    await login('staff', 'ivy', 'ivy');
    await expect(parley('ivy', ['staff', 'report', 'publish', '2026-H1'])).rejects.toThrow(/forbidden_role/);
    const report = JSON.parse(await parley('reader', ['report', '--period', '2026-H1', '--format', 'json']));
    expect(report.log).toMatchObject({ checkpointSize: published.checkpointSize });
    expect(report.rows).toEqual([
      expect.objectContaining({
        jurisdiction: 'US',
        requestClass: 'legal_process',
        requestsReceived: 1,
        withdrawn: 1,
      }),
    ]);
    await expect(parley('reader', ['report', '--period', '2025-H2'])).rejects.toThrow(
      'no report is published for 2025-H2 (published: 2026-H1)',
    );
  });
});
