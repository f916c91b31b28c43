import type { RequestCase, RequestEvent } from '@parley/governance';
import { ProductionPackageView } from '@parley/protocol';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ApiError } from '../../errors.ts';
import type { DisclosureLog } from '../disclosure-log/service.ts';
import { type OfficerPrincipal, principalLabel } from '../gov-access/principal.ts';
import type { AuditService } from '../gov-audit/service.ts';
import type { CaseEffects, CaseService } from '../gov-cases/service.ts';
import { buildPackage, manifestDigest } from './package-builder.ts';
import { productionStore } from './store.ts';

/** How long the requesting officer may download a package. */
export const PRODUCTION_DOWNLOAD_DAYS = 30;

/** The stored package is read back through the wire schema, so a damaged row is refused, not served. */
const StoredPackage = ProductionPackageView.omit({ manifestSha256: true });

/**
 * Production packages: built from the real database in the transaction of the `produce` action, released to
 * the requesting agency's officer until expiry, and only once the `produced` event's leaf is covered by a
 * signed checkpoint, so nothing leaves Parley that the public log does not already show.
 */
export class ProductionService implements CaseEffects {
  readonly #clock: Clock;
  readonly #audit: AuditService;
  readonly #disclosure: DisclosureLog;
  readonly #cases: CaseService;

  constructor(clock: Clock, audit: AuditService, disclosure: DisclosureLog, cases: CaseService) {
    this.#clock = clock;
    this.#audit = audit;
    this.#disclosure = disclosure;
    this.#cases = cases;
  }

  async afterTransition(
    tx: Db,
    _before: RequestCase,
    after: RequestCase,
    events: readonly RequestEvent[],
    now: Date,
  ): Promise<void> {
    const produced = events.find((e) => e.public.kind === 'produced');
    const record = after.production;
    if (produced === undefined || record === null) return;
    const eventSeq = await this.#disclosure.eventSeq(tx, produced.public.chainId, produced.public.seq);
    if (eventSeq === undefined) throw new Error('the produced event is not in the feed');
    const accounts = await productionStore.resolvedAccounts(tx, after.reference);
    const pkg = buildPackage(
      {
        reference: after.reference,
        approved: record.categories,
        requested: after.submission.categories,
        dateRange: record.dateRange,
        createdAt: now,
        expiresAt: new Date(now.getTime() + PRODUCTION_DOWNLOAD_DAYS * 86_400_000),
      },
      await productionStore.heldRecords(tx, accounts),
    );
    await productionStore.insert(tx, {
      reference: after.reference,
      pkg,
      digest: manifestDigest(pkg.manifest),
      producedEventSeq: eventSeq,
    });
  }

  async productionReady(tx: Db, reference: string, now: Date): Promise<boolean> {
    return (await this.#release(tx, reference, now)).ok;
  }

  /** The package for an officer of the requesting agency; every attempt is audited, refusals included. */
  async download(officer: OfficerPrincipal, reference: string): Promise<ProductionPackageView> {
    // Visibility first: another agency's reference is "not found", exactly as for the case itself.
    await this.#cases.get(officer, reference);
    const entry = { actor: principalLabel(officer), action: 'download_production', object: reference };
    return this.#audit.run(entry, async (tx) => {
      const release = await this.#release(tx, reference, this.#clock.now());
      if (!release.ok) throw new ApiError(release.code);
      return { ...release.pkg, manifestSha256: release.digest };
    });
  }

  async #release(tx: Db, reference: string, now: Date) {
    const row = await productionStore.get(tx, reference);
    const parsed = StoredPackage.safeParse(row?.package);
    if (row === undefined || row.expires_at <= now || !parsed.success)
      return { ok: false, code: 'production_unavailable' } as const;
    const seq = row.produced_event_seq;
    const published = seq === null ? null : await this.#disclosure.publication(tx, seq);
    if (published === null || !published.covered)
      return { ok: false, code: 'production_not_logged' } as const;
    return { ok: true, pkg: parsed.data, digest: row.manifest_digest } as const;
  }
}
