import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import type { AuditService } from '../gov-audit/service.ts';
import type { AgencyRow, AgencyStanding } from './access-rows.ts';
import { presentAgency } from './agency-view.ts';
import { requireStaff } from './authorize.ts';
import { type GovPrincipal, principalLabel } from './principal.ts';
import { type StandingAction, standingStore } from './standing-store.ts';
import { accessStore } from './store.ts';

/** Which standing each action starts from, and where it lands. A withdrawal is never undone. */
const moves: Readonly<Record<StandingAction, Readonly<{ from: readonly AgencyStanding[] }>>> = {
  suspend: { from: ['approved'] },
  reinstate: { from: ['suspended'] },
  withdraw: { from: ['pending', 'approved', 'suspended'] },
};

/**
 * An agency's standing: a policy admin (`manage_agencies`) suspends an approved agency, reinstates it, or
 * withdraws its approval for good, always with a reason. Suspending and withdrawing end every session of
 * its officers in the same transaction, so a compromised or abusive agency is out at once; sign-in and
 * every officer route then refuse with `agency_suspended` or `agency_withdrawn`.
 */
export class AgencyStandingService {
  readonly #clock: Clock;
  readonly #audit: AuditService;

  constructor(clock: Clock, audit: AuditService) {
    this.#clock = clock;
    this.#audit = audit;
  }

  async change(
    actor: GovPrincipal,
    agencyId: string,
    body: Readonly<{ action: StandingAction; reason: string }>,
  ) {
    const entry = {
      actor: principalLabel(actor),
      action: `${body.action}_agency`,
      object: `agency:${agencyId}`,
    };
    return this.#audit.run(entry, async (tx) => {
      const admin = requireStaff(actor, 'manage_agencies');
      await standingStore.lock(tx, agencyId);
      const agency = await agencyOrNotFound(tx, agencyId);
      if (agency.standing === 'withdrawn') throw new ApiError('agency_withdrawn');
      if (!moves[body.action].from.includes(agency.standing))
        throw new ApiError(
          'invalid_standing_change',
          `Cannot ${body.action} an agency whose standing is ${agency.standing}.`,
          { standing: agency.standing },
        );
      const now = this.#clock.now();
      await standingStore.setStanding(
        tx,
        agencyId,
        { action: body.action, reason: body.reason, by: admin.id },
        now,
      );
      if (body.action === 'withdraw') await standingStore.retireOfficers(tx, agencyId, now);
      const sessionsEnded =
        body.action === 'reinstate' ? 0 : await standingStore.deleteAgencySessions(tx, agencyId);
      return { agency: presentAgency(await agencyOrNotFound(tx, agencyId)), sessionsEnded };
    });
  }

  async history(actor: GovPrincipal, agencyId: string) {
    const entry = {
      actor: principalLabel(actor),
      action: 'read_agency_standing',
      object: `agency:${agencyId}`,
    };
    return this.#audit.run(entry, async (tx) => {
      requireStaff(actor, 'manage_agencies');
      await agencyOrNotFound(tx, agencyId);
      const changes = await standingStore.history(tx, agencyId);
      return {
        changes: changes.map((c) => ({ ...c, changedAt: c.changedAt.toISOString() })),
      };
    });
  }

  async listOfficers(actor: GovPrincipal, agencyId: string) {
    const entry = { actor: principalLabel(actor), action: 'list_officers', object: `agency:${agencyId}` };
    return this.#audit.run(entry, async (tx) => {
      requireStaff(actor, 'manage_agencies');
      await agencyOrNotFound(tx, agencyId);
      return { officers: await standingStore.listOfficers(tx, agencyId) };
    });
  }
}

async function agencyOrNotFound(tx: Db, agencyId: string): Promise<AgencyRow> {
  const agency = await accessStore.agency(tx, agencyId);
  if (!agency) throw new ApiError('not_found', 'No such agency.');
  return agency;
}

/** The refusal for an officer whose agency may not act now, or null when it may. */
export function standingRefusal(standing: AgencyStanding): ApiError | null {
  if (standing === 'suspended') return new ApiError('agency_suspended');
  if (standing === 'withdrawn') return new ApiError('agency_withdrawn');
  if (standing === 'pending') return new ApiError('agency_not_approved');
  return null;
}
