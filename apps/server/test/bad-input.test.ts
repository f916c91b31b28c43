import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type UsWorld, usWorld } from './disclosure-log/us-world.ts';
import { registerMember, submission } from './governance/members.ts';
import { call } from './support/raw-client.ts';

/**
 * Inputs an attacker sent that once reached the decoder or PostgreSQL and came back as 500s. Each must now be
 * a 400 `validation_failed` naming the field, and the server must still do its normal work afterwards.
 */
let w: UsWorld;
let member: Awaited<ReturnType<typeof registerMember>>;

beforeAll(async () => {
  w = await usWorld({ httpRateLimit: { perSecond: 100_000, burst: 100_000 } });
  member = await registerMember(w.world.url, 'bob', null);
});
afterAll(async () => w?.world.close());

type Answer = Readonly<{ status: number; body: { error?: { code: string; details?: unknown } } }>;

function expectRefused(r: Answer, field: string): void {
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error?.code).toBe('validation_failed');
  const details = r.body.error?.details;
  const paths = Array.isArray(details) ? details.map((d: unknown) => Reflect.get(Object(d), 'path')) : [];
  expect(paths).toContain(field);
}

/** 43 characters: 32 bytes, but the last character sets two bits that no byte holds. */
const strayBits = `${'A'.repeat(42)}B`;

describe('bad base64url', () => {
  it('is refused at sign-in, without any session', async () => {
    const body = {
      username: 'bob',
      deviceId: member.deviceId,
      signature: 'A'.repeat(86),
    };
    // 41 characters (under the 43 a 32-byte challenge takes) is 1 more than a multiple of 4: no byte string has that encoding.
    expectRefused(
      await call(w.world.url, 'session', { body: { ...body, challenge: 'A'.repeat(41) } }),
      'challenge',
    );
    expectRefused(
      await call(w.world.url, 'session', { body: { ...body, challenge: strayBits } }),
      'challenge',
    );
    expectRefused(
      await call(w.world.url, 'session', {
        body: { ...body, challenge: 'A'.repeat(42), signature: 'A'.repeat(85) },
      }),
      'signature',
    );
  });

  it('is refused in uploaded key packages, and a good upload still works', async () => {
    const upload = (body: { keyPackages: string[]; lastResort?: string }) =>
      call(w.world.url, 'uploadKeyPackages', { body }, member.token);
    expectRefused(await upload({ keyPackages: ['QUJDRA', 'QUJDRAxxx'] }), 'keyPackages.1');
    expectRefused(await upload({ keyPackages: [], lastResort: 'QUJ' }), 'lastResort');
    expectRefused(await upload({ keyPackages: ['QUJDRA=='] }), 'keyPackages.0');
    expectRefused(await upload({ keyPackages: ['QU+DRA'] }), 'keyPackages.0');
    // Canonical base64url passes the edge and meets the next check: these bytes are no KeyPackage.
    const canonical = await upload({ keyPackages: ['QUJDRA'] });
    expect(canonical.status).toBe(400);
    expect(canonical.body.error?.code).toBe('key_package_invalid');
  });

  it('is refused in a legal document (as an intake problem) and in ids', async () => {
    // 1 more than a multiple of 4: this once reached the decoder after the intake checks.
    const document = { mediaType: 'application/pdf', content: 'QUJDRAxxx' };
    const r = await w.fbi.call('submitRequest', { body: submission({ document }) });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(JSON.stringify(r.body.error?.details)).toContain('invalid_document');
    const agencyId = `${'A'.repeat(21)}B`;
    expectRefused(await w.world.admin.call('approveAgency', { params: { agencyId } }), 'agencyId');
  });
});

describe('control characters in text', () => {
  it('are refused in agency names and sources, with the agency not created', async () => {
    const agency = {
      name: 'Evil\u0000Agency',
      kind: 'police' as const,
      jurisdiction: 'FR',
      emailDomains: ['police.example.fr'],
      callbackNumber: '+33 1 23 45 67 89',
      callbackSource: 'official directory',
    };
    expectRefused(await w.world.admin.call('createAgency', { body: agency }), 'name');
    expectRefused(
      await w.world.admin.call('createAgency', { body: { ...agency, name: 'Line\nbreak' } }),
      'name',
    );
    expectRefused(
      await w.world.admin.call('createAgency', {
        body: { ...agency, name: 'Police', callbackSource: 'x\u001b[2J' },
      }),
      'callbackSource',
    );
    const list = await w.world.admin.call('listAgencies', {});
    expect(list.body.agencies.map((a) => a.name)).toEqual(['FBI']);
  });

  it('are refused anywhere in a submission, while its prose keeps line breaks', async () => {
    const nul = await w.fbi.call('submitRequest', { body: submission({ legalBasis: 'statute\u0000s. 1' }) });
    expectRefused(nul, 'legalBasis');
    const nested = await w.fbi.call('submitRequest', {
      body: submission({ attestation: { officialCapacity: true, statement: 'I\u0007 act' } }),
    });
    expectRefused(nested, 'attestation.statement');
    const inKey = await w.fbi.call('submitRequest', { body: { ...submission(), 'x\u0000': 1 } });
    expectRefused(inKey, 'x\u0000');
    const prose = await w.fbi.call('submitRequest', {
      body: submission({ legalBasis: '18 U.S.C. § 2703(c)\n\tand § 2705(b)' }),
    });
    expect(prose.status, JSON.stringify(prose.body)).toBe(201);
  });

  it('refuses a submission nested three thousand levels deep (once a 500) with a 400, and keeps serving', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 3000; i++) deep = { a: deep };
    const refused = await w.fbi.call('submitRequest', { body: { ...submission(), extra: deep } });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('validation_failed');
    const fine = await w.fbi.call('submitRequest', { body: submission() });
    expect(fine.status).toBe(201);
  });

  it('are refused in case actions and query strings', async () => {
    const ack = await w.fbi.call('submitRequest', { body: submission() });
    const reference = ack.body.reference;
    await w.ivy.call('actOnCase', { params: { reference }, body: { type: 'triage' } });
    const call = await w.ivy.call('actOnCase', {
      params: { reference },
      body: { type: 'record_callback', numberDialed: '+1 202\u0000', confirmed: true },
    });
    expectRefused(call, 'numberDialed');
    expectRefused(await w.ivy.call('listCases', { query: { state: '\u0000' } }), 'state');
    const all = await w.ivy.call('listCases', { query: { state: 'triage' } });
    expect(all.status).toBe(200);
    expect(all.body.cases.map((c) => c.reference)).toContain(reference);
  });
});
