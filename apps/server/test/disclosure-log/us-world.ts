import { registerMember } from '../governance/members.ts';
import { GovWorld, type Principal } from '../governance/support.ts';

export const usFramework = {
  instruments: [
    { type: 'subpoena', localName: 'subpoena', maxTier: 'basic_subscriber' },
    { type: 'records_court_order', localName: '2703(d) order', maxTier: 'non_content_records' },
  ],
  deadlines: [{ instrument: 'any', hours: 240, emergencyHours: 8, source: 'policy' }],
  nonDisclosure: { maxDays: 90, extendable: true, source: '18 U.S.C. § 2705(b)' },
  channels: ['direct'],
};

export type UsWorld = Readonly<{
  world: GovWorld;
  ivy: Principal;
  lena: Principal;
  marc: Principal;
  fbi: Principal;
}>;

/** A server with the United States accepting, an FBI officer, three staff and the member alice. */
export async function usWorld(options: Parameters<typeof GovWorld.start>[1] = {}): Promise<UsWorld> {
  const world = await GovWorld.start('2026-04-01T09:00:00Z', { logSequenceIntervalMs: 0, ...options });
  const quin = await world.createStaff('quin', ['policy_admin']);
  const ivy = await world.createStaff('ivy', ['intake']);
  const lena = await world.createStaff('lena', ['legal_reviewer']);
  const marc = await world.createStaff('marc', ['legal_reviewer']);
  await registerMember(world.url, 'alice', 'US');
  const fbi = await world.acceptUnitedStates(quin, usFramework);
  return { world, ivy, lena, marc, fbi };
}

/** Every entry of the log, after integrating what is queued. */
export async function logEntries(world: GovWorld): Promise<Uint8Array[]> {
  await world.server.context.transparencyLog.sequence();
  const rows = await world.server.context.db
    .selectFrom('log_entries')
    .select('data')
    .orderBy('idx')
    .execute();
  return rows.map((r) => r.data);
}
