import { systemClock } from '../../clock.ts';
import { openDatabase } from '../../db/database.ts';
import { AuditService } from '../gov-audit/service.ts';
import { HashGate } from './hash-gate.ts';
import { RegistryService } from './registry.ts';

export type AdminInitOptions = Readonly<{ dataDir?: string; databaseUrl?: string; databaseSchema?: string }>;

/**
 * `parley admin init`: creates the first policy admin directly on the server's database (migrating it if
 * needed), with no network path at all, so the bootstrap credential never crosses an API. Refuses once any
 * staff exist. Returns the TOTP secret, which is shown once and never again.
 */
export async function initFirstPolicyAdmin(
  options: AdminInitOptions,
  admin: Readonly<{ username: string; displayName: string; password: string }>,
) {
  const db = await openDatabase({
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
  });
  try {
    const registry = new RegistryService(systemClock, new AuditService(db, systemClock), new HashGate(1));
    return await registry.initFirstAdmin(admin);
  } finally {
    await db.destroy();
  }
}
