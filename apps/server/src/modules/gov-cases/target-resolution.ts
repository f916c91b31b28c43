import { isJurisdictionCode, type JurisdictionCode, type SubmissionTarget } from '@parley/governance';
import type { Db } from '../../db/database.ts';

export type ResolvedTarget = Readonly<{ accountId: number | null; jurisdiction: JurisdictionCode | null }>;

/**
 * Resolves each target (username or account id) to an account and the jurisdiction its member declared at
 * registration. Read-only over the accounts table: this is the one fact about location Parley holds, and
 * the gate needs it to apply policies scoped to users located in a jurisdiction.
 */
export async function resolveTargets(
  db: Db,
  targets: readonly SubmissionTarget[],
): Promise<ResolvedTarget[]> {
  const out: ResolvedTarget[] = [];
  for (const t of targets) {
    const id = t.accountId !== undefined && /^\d{1,15}$/.test(t.accountId) ? Number(t.accountId) : undefined;
    let q = db.selectFrom('accounts').select(['id', 'jurisdiction']);
    if (t.username !== undefined) q = q.where('username', '=', t.username);
    else if (id !== undefined) q = q.where('id', '=', id);
    else {
      out.push({ accountId: null, jurisdiction: null });
      continue;
    }
    const row = await q.executeTakeFirst();
    const j = row?.jurisdiction ?? null;
    out.push({ accountId: row?.id ?? null, jurisdiction: j !== null && isJurisdictionCode(j) ? j : null });
  }
  return out;
}
