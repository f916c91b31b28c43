import type { Migration, MigrationProvider } from 'kysely/migration';
import * as messagingCore from './2026-11-28T1830-messaging-core.ts';
import * as transparencyLog from './2026-11-28T2000-transparency-log.ts';
import * as governance from './2026-11-28T2100-governance.ts';
import * as disclosureLog from './2026-11-28T2300-disclosure-log.ts';
import * as productionGate from './2026-11-28T2310-production-gate.ts';
import * as transparencyReports from './2026-11-28T2320-transparency-reports.ts';
import * as govLoginThrottle from './2026-12-06T0300-gov-login-throttle.ts';
import * as sessionExpiryDay from './2026-12-06T0300-session-expiry-day.ts';
import * as govRevocation from './2026-12-06T0310-gov-revocation.ts';
import * as keyPackageExpiry from './2026-12-06T0310-key-package-expiry.ts';
import * as groupLeaves from './2026-12-06T1120-group-leaves.ts';
import * as agencyStanding from './2026-12-07T1600-agency-standing.ts';
import * as totpResets from './2026-12-07T1610-totp-resets.ts';
import * as logKeyReseal from './2026-12-07T1700-log-key-reseal.ts';
import * as keyDirectory from './2026-12-07T1710-key-directory.ts';
import * as ktCosignatures from './2026-12-07T1930-kt-cosignatures.ts';
import * as ktKeysReseal from './2026-12-07T2000-kt-keys-reseal.ts';
import * as ktBackfill from './2026-12-07T2010-kt-backfill.ts';

/** Append-only: a migration, once released, is never edited; add a new one instead. */
export const migrations: Readonly<Record<string, Migration>> = {
  '2026-11-28T1830-messaging-core': messagingCore,
  '2026-11-28T2000-transparency-log': transparencyLog,
  '2026-11-28T2100-governance': governance,
  '2026-11-28T2300-disclosure-log': disclosureLog,
  '2026-11-28T2310-production-gate': productionGate,
  '2026-11-28T2320-transparency-reports': transparencyReports,
  '2026-12-06T0300-gov-login-throttle': govLoginThrottle,
  '2026-12-06T0310-gov-revocation': govRevocation,
  '2026-12-06T0300-session-expiry-day': sessionExpiryDay,
  '2026-12-06T0310-key-package-expiry': keyPackageExpiry,
  '2026-12-06T1120-group-leaves': groupLeaves,
  '2026-12-07T1600-agency-standing': agencyStanding,
  '2026-12-07T1610-totp-resets': totpResets,
  '2026-12-07T1700-log-key-reseal': logKeyReseal,
  '2026-12-07T1710-key-directory': keyDirectory,
  '2026-12-07T1930-kt-cosignatures': ktCosignatures,
  '2026-12-07T2000-kt-keys-reseal': ktKeysReseal,
  '2026-12-07T2010-kt-backfill': ktBackfill,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
