import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import type { AuditService } from '../gov-audit/service.ts';
import type { PersonRef } from './access-rows.ts';
import { requireStaff } from './authorize.ts';
import { type GovPrincipal, principalLabel } from './principal.ts';
import { accessStore } from './store.ts';

/**
 * Taking access away: disabling or re-enabling a staff member or officer, and ending all of a person's
 * sessions. Disabling ends the sessions in the same transaction, so the person is out at once, not at the
 * end of an 8-hour token. Staff are managed with `manage_staff`, officers with `manage_agencies` (both are
 * policy-admin rights); nobody can do it to themselves, so the last admin cannot lock everyone out.
 */
export class RevocationService {
  readonly #clock: Clock;
  readonly #audit: AuditService;

  constructor(clock: Clock, audit: AuditService) {
    this.#clock = clock;
    this.#audit = audit;
  }

  async setAccess(actor: GovPrincipal, person: PersonRef, disabled: boolean) {
    const action = `${disabled ? 'disable' : 'enable'}_${person.kind}`;
    const entry = { actor: principalLabel(actor), action, object: `${person.kind}:${person.id}` };
    return this.#audit.run(entry, async (tx) => {
      const admin = this.#authorize(actor, person);
      await this.#exists(tx, person);
      await accessStore.setDisabled(tx, person, disabled ? admin.id : null, this.#clock.now());
      const sessionsEnded = disabled ? await accessStore.deleteSessionsOf(tx, person) : 0;
      return { kind: person.kind, id: person.id, disabled, sessionsEnded };
    });
  }

  async endSessions(actor: GovPrincipal, person: PersonRef) {
    const entry = {
      actor: principalLabel(actor),
      action: 'end_sessions',
      object: `${person.kind}:${person.id}`,
    };
    return this.#audit.run(entry, async (tx) => {
      this.#authorize(actor, person);
      const disabled = await this.#exists(tx, person);
      const sessionsEnded = await accessStore.deleteSessionsOf(tx, person);
      return { kind: person.kind, id: person.id, disabled, sessionsEnded };
    });
  }

  #authorize(actor: GovPrincipal, person: PersonRef) {
    const admin = requireStaff(actor, person.kind === 'staff' ? 'manage_staff' : 'manage_agencies');
    if (person.kind === 'staff' && person.id === admin.id) throw new ApiError('self_revocation');
    return admin;
  }

  /** Whether the person is disabled now; `not_found` when there is no such person. */
  async #exists(tx: Db, person: PersonRef): Promise<boolean> {
    const row =
      person.kind === 'staff'
        ? await accessStore.staffById(tx, person.id)
        : await accessStore.officerById(tx, person.id);
    if (!row)
      throw new ApiError('not_found', `No such ${person.kind === 'staff' ? 'staff member' : 'officer'}.`);
    return row.disabled;
  }
}
