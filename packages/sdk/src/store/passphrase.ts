/** The least a new profile's passphrase may have, in characters; the profile holds every key of the device. */
export const MIN_PASSPHRASE_LENGTH = 12;

/** A new profile was asked for with a passphrase too short to resist offline guessing. */
export class WeakPassphraseError extends Error {
  override readonly name = 'WeakPassphraseError';
}

/** Refuses a passphrase for a new profile that is shorter than MIN_PASSPHRASE_LENGTH characters. */
export function checkNewPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH)
    throw new WeakPassphraseError(
      `a new profile needs a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters: it seals every key of this device`,
    );
}
