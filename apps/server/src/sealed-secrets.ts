import { readFileSync } from 'node:fs';
import type { Db } from './db/database.ts';
import { openDatabase } from './db/database.ts';
import { totpSecrets } from './modules/gov-access/totp-sealing.ts';
import { directoryKeySecrets } from './modules/key-directory/directory-keys.ts';
import { logKeySecrets } from './modules/transparency-log/log-key.ts';
import { resealSecrets, SecretBox, SecretKeyError } from './secrets.ts';
import { ConfigError } from './settings/read-settings.ts';

/** Every secret the server keeps in its database, each listed by the module that owns it. */
async function storedSecrets(db: Db) {
  return [...(await logKeySecrets(db)), ...(await directoryKeySecrets(db)), ...(await totpSecrets(db))];
}

/**
 * At start, with a key-encryption key: seals every secret still stored in clear (written before the key was
 * set, or by `parley admin init`, which runs without one), in one transaction. Returns how many.
 */
export function sealClearSecrets(db: Db, box: SecretBox): Promise<number> {
  if (!box.sealing) return Promise.resolve(0);
  return db
    .transaction()
    .execute(async (tx) => resealSecrets(tx, await storedSecrets(tx), box, box, 'clear'));
}

export type RotateSecretKeyOptions = Readonly<{
  dataDir?: string;
  databaseUrl?: string;
  databaseSchema?: string;
}>;

/**
 * `parley rotate-secret-key`: opens every secret with the current key (or reads it in clear when there is
 * none) and seals it under the new one, all in one transaction, so a secret the current key cannot open
 * leaves the database as it was. Servers must be stopped: they hold the old key and would fail to open TOTP
 * seeds sealed under the new one. An embedded database is locked against a running server.
 */
export async function rotateSecretKey(
  options: RotateSecretKeyOptions,
  keys: Readonly<{ current?: Uint8Array; next: Uint8Array }>,
): Promise<Readonly<{ resealed: number }>> {
  const from = new SecretBox(keys.current);
  const to = new SecretBox(keys.next);
  if (keys.current !== undefined && Buffer.compare(keys.current, keys.next) === 0)
    throw new SecretKeyError('the new key is the current key: make a new one with `openssl rand -base64 32`');
  const db = await openDatabase({
    ...(options.databaseUrl ? { url: options.databaseUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.databaseSchema ? { schema: options.databaseSchema } : {}),
  });
  try {
    const resealed = await db
      .transaction()
      .execute(async (tx) => resealSecrets(tx, await storedSecrets(tx), from, to, 'all'));
    return { resealed };
  } finally {
    await db.destroy();
  }
}

/**
 * A key-encryption key file: 32 random bytes in base64 (`openssl rand -base64 32`), readable by the server's
 * user only. `setting` names where the path came from, for the error.
 */
export function readSecretKeyFile(path: string, setting: string): Uint8Array {
  const wants = 'a readable file holding 32 random bytes in base64, such as `openssl rand -base64 32` writes';
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    throw new ConfigError(setting, path, wants);
  }
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text) throw new ConfigError(setting, path, wants);
  return new Uint8Array(key);
}
