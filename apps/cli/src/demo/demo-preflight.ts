import type { Session } from './demo-api.ts';
import { demoAgencies, demoStaff } from './demo-people.ts';
import { demoPolicies } from './demo-policies.ts';

/** The demo will not seed this server; nothing has been written. */
export class DemoRefusedError extends Error {
  override readonly name = 'DemoRefusedError';
}

/**
 * Reads only, before anything is written: a server that already has (part of) the demo world is refused
 * even with `force`, because seeding it again would stop half-way on the first name already taken; a server
 * with staff other than the signed-in admin is refused unless `force`, because the demo is not for real data.
 */
export async function checkServerForDemo(admin: Session, force: boolean): Promise<void> {
  const { staff } = await admin('listStaff');
  const { agencies } = await admin('listAgencies');
  const { policies } = await admin('listPolicies');
  const demoNames = new Set<string>(demoStaff.map((s) => s.key));
  const agencyNames = new Set<string>(demoAgencies.map((a) => a.agency.name));
  const jurisdictions = new Set<string>(demoPolicies.map((p) => p.jurisdiction));
  const present = [
    ...staff.filter((s) => demoNames.has(s.username)).map((s) => `staff ${s.username}`),
    ...agencies.filter((a) => agencyNames.has(a.name)).map((a) => `agency ${a.name}`),
    ...policies
      .filter((p) => jurisdictions.has(p.jurisdiction))
      .map((p) => `${p.jurisdiction} policy v${p.version}`),
  ];
  if (present.length > 0)
    throw new DemoRefusedError(
      `this server already has demo data (${present.slice(0, 4).join(', ')}${present.length > 4 ? ', …' : ''}); nothing was changed. Start from an empty server to seed the demo again.`,
    );
  if (staff.length > 1 && !force)
    throw new DemoRefusedError(
      `this server has ${staff.length} staff members, not just you: the demo is for a fresh server and must never run against production. Nothing was changed; use --force to add demo data anyway.`,
    );
}
