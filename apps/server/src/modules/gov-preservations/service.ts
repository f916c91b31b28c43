import { categoryById, type DataCategoryId, type RequestCase } from '@parley/governance';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { categoryColumns } from '../data-catalogue/category-columns.ts';
import type { TransitionChange, TransitionListener } from '../gov-cases/service.ts';
import { preservationStore } from './store.ts';

/**
 * Categories a snapshot may hold: those the decision (or, failing that, the request) names that Parley holds
 * for the life of the account and that are not content. Transient data is not frozen: preserving it would
 * keep what Parley otherwise deletes.
 */
export function preservableCategories(c: RequestCase): DataCategoryId[] {
  const named = c.decision && c.decision.categories.length > 0 ? c.decision.categories : c.categories;
  return named.filter((id) => {
    const category = categoryById(id);
    return category?.holding === 'held' && category.tier !== null && category.tier !== 'content';
  });
}

/**
 * Preservation: when two signatures decide to preserve, a metadata snapshot of the targeted accounts is
 * stored in the same transaction; an extension moves its expiry; expiry (by the sweeper) purges it. The
 * domain decides when (90 days, one 90-day extension); this only keeps and drops the data.
 */
export class PreservationService implements TransitionListener {
  readonly #db: Db;
  readonly #clock: Clock;

  constructor(db: Db, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  async transitioned(tx: Db, { before, after, targets, now }: TransitionChange) {
    const p = after.preservation;
    if (p === null || before.state === after.state) return undefined;
    if (after.state === 'preserved') {
      const categories = preservableCategories(after);
      const columns = categories.flatMap((id) => categoryColumns[id].columns);
      const accounts = [];
      for (const accountId of new Set(await targets()))
        accounts.push({ accountId, rows: await preservationStore.accountRows(tx, accountId, columns) });
      const snapshot = { capturedAt: now.toISOString(), categories, accounts };
      await preservationStore.insert(
        tx,
        after.reference,
        new Date(p.preservedAt),
        new Date(p.expiresAt),
        snapshot,
      );
    } else if (after.state === 'preservation_extended') {
      await preservationStore.extend(tx, after.reference, new Date(p.expiresAt));
    } else if (after.state === 'preservation_expired') {
      await preservationStore.purge(tx, now, after.reference);
    }
    return undefined;
  }

  /** Purges every snapshot past its expiry, including those whose preservation a legal process consumed. */
  async purgeLapsed(): Promise<number> {
    return preservationStore.purge(this.#db, this.#clock.now());
  }
}
