import { type CaseActionBody, errorCodes, isErrorCode } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type UsWorld, usWorld } from '../disclosure-log/us-world.ts';
import { submission } from './members.ts';

/**
 * A policy admin may release held requests but may not read cases. Its refusals must not tell it what it may
 * not read: trying every action on a case would otherwise reveal the case's state one error at a time.
 */
let w: UsWorld;
let reference = '';

beforeAll(async () => {
  w = await usWorld();
  const ack = await w.fbi.call('submitRequest', { body: submission() });
  reference = ack.body.reference;
  const triaged = await w.ivy.call('actOnCase', { params: { reference }, body: { type: 'triage' } });
  expect(triaged.body.state).toBe('triage');
});
afterAll(async () => w?.world.close());

const attempts: CaseActionBody[] = [
  { type: 'resume' },
  { type: 'triage' },
  { type: 'complete_triage', requesterVerified: true },
  { type: 'countersign' },
  { type: 'close' },
];

describe('refusals to a caller who may not read cases', () => {
  it('never name the case state, while a reader is still told it', async () => {
    const admin = w.world.admin;
    expect((await admin.call('getCase', { params: { reference } })).body.error?.code).toBe('forbidden_role');
    const codes = new Set<string>();
    for (const body of attempts) {
      const r = await admin.call('actOnCase', { params: { reference }, body });
      expect(r.status, JSON.stringify(r.body)).toBeGreaterThanOrEqual(400);
      const code = r.body.error?.code ?? 'internal';
      codes.add(code);
      // The default text of the code, and no detail but the action tried and the rule that refused it.
      expect(r.body.error?.message, body.type).toBe(
        errorCodes[isErrorCode(code) ? code : 'internal'].message,
      );
      for (const key of Object.keys(Object(r.body.error?.details)))
        expect(['action', 'guard', 'permission'], `${body.type}: ${key}`).toContain(key);
    }
    expect(codes).toContain('invalid_transition');
    const reader = await w.ivy.call('actOnCase', { params: { reference }, body: { type: 'resume' } });
    expect(reader.body.error?.code).toBe('invalid_transition');
    expect(reader.body.error?.details).toMatchObject({ state: 'triage', action: 'resume' });
  });
});
