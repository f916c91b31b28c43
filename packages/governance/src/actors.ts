import type { StaffRole } from './vocabulary/staff-roles.ts';

/** A staff member as the server authenticated them; roles come from the staff registry, never from input. */
export type StaffActor = Readonly<{ kind: 'staff'; id: string; roles: readonly StaffRole[] }>;

/** An officer of an approved agency. */
export type OfficerActor = Readonly<{ kind: 'officer'; id: string; agencyId: string }>;

/** The server itself, for transitions a clock drives (an order expiring, a hold lapsing). */
export type SystemActor = Readonly<{ kind: 'system' }>;

export type Actor = StaffActor | OfficerActor | SystemActor;

/** A stable label for audit trails: `staff:alice`, `officer:o-17`, `system`. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`;
}
