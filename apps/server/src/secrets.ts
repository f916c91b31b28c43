import { open, SealedDataError, seal } from '@parley/crypto';
import { fromBase64url, toBase64url } from '@parley/protocol';
import type { Db } from './db/database.ts';

const prefix = 'sealed:v1:';
const text = new TextEncoder();
const words = new TextDecoder();

/** A secret in the database is sealed, and no key (or another key) was given to open it. */
export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

/**
 * The server's own secrets (the log's signing key, staff and officer TOTP seeds) sealed at rest with
 * XChaCha20-Poly1305 under a key-encryption key kept outside the database (`PARLEY_SECRET_KEY_FILE`), so a
 * copy of the database alone can neither sign as the log nor produce second factors. Each value is bound to
 * where it belongs (`context`, such as `log_keys:<origin>`), so a sealed value moved to another row does not
 * open. Without a key, values are stored as they are, and values stored before a key was set are read as
 * they are until `seal` rewrites them.
 */
export class SecretBox {
  readonly #key: Uint8Array | undefined;

  constructor(key?: Uint8Array) {
    if (key !== undefined && key.length !== 32) throw new SecretKeyError('the secret key must be 32 bytes');
    this.#key = key;
  }

  /** Whether values are sealed when stored. */
  get sealing(): boolean {
    return this.#key !== undefined;
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(prefix);
  }

  seal(value: string, context: string): string {
    if (this.#key === undefined) return value;
    return prefix + toBase64url(seal(this.#key, text.encode(value), text.encode(context)));
  }

  open(stored: string, context: string): string {
    if (!SecretBox.isSealed(stored)) return stored;
    if (this.#key === undefined)
      throw new SecretKeyError(
        "this database's secrets are sealed: set PARLEY_SECRET_KEY_FILE to the key file they were sealed with",
      );
    try {
      return words.decode(open(this.#key, fromBase64url(stored.slice(prefix.length)), text.encode(context)));
    } catch (error) {
      if (!(error instanceof SealedDataError)) throw error;
      throw new SecretKeyError(`the secret key does not open this database's secrets (${context})`);
    }
  }
}

/**
 * One secret as its owner stores it: the stored text (sealed or clear), the context it is sealed to, and how
 * to write a new sealing of the same value back. Each module that keeps a secret lists its own.
 */
export type StoredSecret = Readonly<{
  stored: string;
  context: string;
  replace: (db: Db, stored: string) => Promise<void>;
}>;

/**
 * Opens each secret with `from` and seals it again with `to`: with `which: 'clear'` only those still stored in
 * clear (at start, once a key is set), with `'all'` every one (a key rotation). The caller runs it in one
 * transaction, so a secret the old key cannot open leaves every secret as it was. Returns how many changed.
 */
export async function resealSecrets(
  db: Db,
  secrets: readonly StoredSecret[],
  from: SecretBox,
  to: SecretBox,
  which: 'clear' | 'all',
): Promise<number> {
  if (!to.sealing) return 0;
  let changed = 0;
  for (const secret of secrets) {
    if (which === 'clear' && SecretBox.isSealed(secret.stored)) continue;
    await secret.replace(db, to.seal(from.open(secret.stored, secret.context), secret.context));
    changed += 1;
  }
  return changed;
}
