export { type Clock, ManualClock, systemClock } from './clock.ts';
export { defaultConfig, type ServerConfig } from './config.ts';
export type { AppContext } from './context.ts';
export { BackupError, type BackupSummary, backupDataDir, restoreDataDir } from './db/backup.ts';
export { listColumns } from './db/database.ts';
export { MigrateDataError, type MigratedTable, migrateData } from './db/migrate-data.ts';
export { runServer, type ServeOptions } from './main.ts';
export { type AdminInitOptions, initFirstPolicyAdmin } from './modules/gov-access/admin-init.ts';
export { totpCode } from './modules/gov-access/totp.ts';
export {
  type LogKeyRotation,
  LogKeyRotationError,
  type RotateLogKeyOptions,
  rotateLogKey,
} from './modules/transparency-log/key-rotation.ts';
export {
  type RotateSecretKeyOptions,
  readSecretKeyFile,
  rotateSecretKey,
} from './sealed-secrets.ts';
export { SecretKeyError } from './secrets.ts';
export { createServer, type ParleyServer } from './server.ts';
