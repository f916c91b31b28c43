import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ApiError } from '../../errors.ts';
import type { SecretBox } from '../../secrets.ts';
import type { AuditService } from '../gov-audit/service.ts';
import type { PersonRef } from './access-rows.ts';
import { requireAnyStaff, requireStaff } from './authorize.ts';
import type { GovPrincipal, StaffPrincipal } from './principal.ts';
import { principalLabel } from './principal.ts';
import { newGovId } from './service.ts';
import { accessStore } from './store.ts';
import { newTotpSecret, totpUri } from './totp.ts';
import { type TotpResetRow, totpResetStore } from './totp-reset-store.ts';
import { totpContext } from './totp-sealing.ts';

/** An unconfirmed proposal lapses after a day, so a forgotten one cannot be confirmed by surprise later. */
const PROPOSAL_TTL_MS = 24 * 3600_000;
const ISSUER = 'Parley';

/**
 * Resetting a lost authenticator with two policy admins. A reset hands someone a working second factor for
 * another person's account, so one admin proposes it with a reason, a different admin confirms it within 24
 * hours, and nobody does either for their own account. Confirming swaps the secret, ends the person's
 * sessions in the same transaction, and shows the new secret once, to the confirming admin, for handover.
 */
export class TotpResetService {
  readonly #clock: Clock;
  readonly #box: SecretBox;
  readonly #audit: AuditService;

  constructor(clock: Clock, audit: AuditService, box: SecretBox) {
    this.#clock = clock;
    this.#audit = audit;
    this.#box = box;
  }

  async propose(actor: GovPrincipal, body: Readonly<{ person: PersonRef; reason: string }>) {
    const id = newGovId();
    const entry = {
      actor: principalLabel(actor),
      action: 'propose_totp_reset',
      object: `${body.person.kind}:${body.person.id}`,
    };
    return this.#audit.run(entry, async (tx) => {
      const admin = authorize(actor, body.person);
      await personOrNotFound(tx, body.person);
      const now = this.#clock.now();
      const open = await totpResetStore.openFor(tx, body.person);
      if (open && open.expiresAt > now)
        throw new ApiError('totp_reset_pending', undefined, { resetId: open.id });
      if (open) await totpResetStore.close(tx, open.id, 'expired', null, now);
      const expiresAt = new Date(now.getTime() + PROPOSAL_TTL_MS);
      await totpResetStore
        .insert(tx, { id, person: body.person, reason: body.reason, proposedBy: admin.id }, now, expiresAt)
        .catch((e: unknown) => {
          if (isUniqueViolation(e)) throw new ApiError('totp_reset_pending');
          throw e;
        });
      return this.#present(await resetOrNotFound(tx, id));
    });
  }

  async list(actor: GovPrincipal) {
    const entry = { actor: principalLabel(actor), action: 'list_totp_resets', object: 'totp_resets' };
    return this.#audit.run(entry, async (tx) => {
      requireAnyStaff(actor, ['manage_staff', 'manage_agencies']);
      return { resets: (await totpResetStore.list(tx, 200)).map((r) => this.#present(r)) };
    });
  }

  async confirm(actor: GovPrincipal, resetId: string) {
    return this.#onPending(actor, 'confirm_totp_reset', resetId, async (tx, reset, admin) => {
      if (reset.proposedBy === admin.id)
        throw new ApiError('self_approval', 'Another policy admin must confirm the reset you proposed.');
      const now = this.#clock.now();
      if (!(await totpResetStore.close(tx, reset.id, 'confirmed', admin.id, now)))
        throw new ApiError('totp_reset_closed');
      const totpSecret = newTotpSecret();
      const table = reset.person.kind === 'staff' ? 'gov_staff' : 'gov_officers';
      await totpResetStore.setTotpSecret(
        tx,
        reset.person,
        this.#box.seal(totpSecret, totpContext(table, reset.person.id)),
      );
      const sessionsEnded = await accessStore.deleteSessionsOf(tx, reset.person);
      return {
        reset: this.#present(await resetOrNotFound(tx, resetId)),
        totpSecret,
        otpauthUri: totpUri(ISSUER, reset.personName, totpSecret),
        sessionsEnded,
      };
    });
  }

  async cancel(actor: GovPrincipal, resetId: string) {
    return this.#onPending(actor, 'cancel_totp_reset', resetId, async (tx, reset, admin) => {
      if (!(await totpResetStore.close(tx, reset.id, 'cancelled', admin.id, this.#clock.now())))
        throw new ApiError('totp_reset_closed');
      return this.#present(await resetOrNotFound(tx, resetId));
    });
  }

  #state(r: TotpResetRow): 'pending' | 'confirmed' | 'cancelled' | 'expired' {
    return r.closedAs ?? (r.expiresAt <= this.#clock.now() ? 'expired' : 'pending');
  }

  /** Runs `act` on a reset still pending, as a policy admin allowed to reset its person, audited as `action`. */
  #onPending<T>(
    actor: GovPrincipal,
    action: string,
    resetId: string,
    act: (tx: Db, reset: TotpResetRow, admin: StaffPrincipal) => Promise<T>,
  ): Promise<T> {
    const entry = { actor: principalLabel(actor), action, object: `totp_reset:${resetId}` };
    return this.#audit.run(entry, async (tx) => {
      requireAnyStaff(actor, ['manage_staff', 'manage_agencies']);
      const reset = await resetOrNotFound(tx, resetId);
      const admin = authorize(actor, reset.person);
      const state = this.#state(reset);
      if (state !== 'pending') throw new ApiError('totp_reset_closed', undefined, { state });
      return act(tx, reset, admin);
    });
  }

  #present(r: TotpResetRow) {
    return {
      id: r.id,
      person: { kind: r.person.kind, id: r.person.id },
      personName: r.personName,
      reason: r.reason,
      state: this.#state(r),
      proposedBy: r.proposedBy,
      proposedAt: r.proposedAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      closedBy: r.closedBy,
      closedAt: r.closedAt?.toISOString() ?? null,
    };
  }
}

/** Staff resets need `manage_staff`, officer resets `manage_agencies`; nobody resets their own. */
function authorize(actor: GovPrincipal, person: PersonRef): StaffPrincipal {
  const admin = requireStaff(actor, person.kind === 'staff' ? 'manage_staff' : 'manage_agencies');
  if (person.kind === 'staff' && person.id === admin.id) throw new ApiError('own_totp_reset');
  return admin;
}

async function personOrNotFound(tx: Db, person: PersonRef): Promise<void> {
  const row =
    person.kind === 'staff'
      ? await accessStore.staffById(tx, person.id)
      : await accessStore.officerById(tx, person.id);
  if (!row)
    throw new ApiError('not_found', `No such ${person.kind === 'staff' ? 'staff member' : 'officer'}.`);
  // A retired officer's agency was withdrawn for good: a working authenticator for them serves nobody.
  if ('retired' in row && row.retired) throw new ApiError('agency_withdrawn');
}

async function resetOrNotFound(tx: Db, id: string): Promise<TotpResetRow> {
  const r = await totpResetStore.byId(tx, id);
  if (!r) throw new ApiError('not_found', 'No such authenticator reset.');
  return r;
}
