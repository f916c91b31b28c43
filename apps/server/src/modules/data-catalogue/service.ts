import { dataCatalogue, isProducible } from '@parley/governance';
import { type Db, listColumns } from '../../db/database.ts';
import { categoryColumns } from './category-columns.ts';

/**
 * The public data catalogue: the domain's categories with where they live and how long, plus every other
 * column of the live schema as not disclosable. Read from the database's own column list each time, so the
 * answer describes the schema actually deployed, not the one the code expected.
 */
export class CatalogueService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async catalogue() {
    const mapped = new Set(Object.values(categoryColumns).flatMap((c) => c.columns));
    const columns = (await listColumns(this.#db)).map((c) => `${c.table}.${c.column}`);
    return {
      categories: dataCatalogue.map((c) => ({
        id: c.id,
        description: c.description,
        holding: c.holding,
        minimumTier: c.tier,
        disclosable: isProducible(c),
        retention: categoryColumns[c.id].retention,
        columns: [...categoryColumns[c.id].columns],
      })),
      notDisclosable: columns.filter((c) => !mapped.has(c)),
    };
  }
}
