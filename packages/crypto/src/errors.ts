/** Base class so callers can tell this package's failures apart from programming errors. */
export class CryptoError extends Error {
  override readonly name: string = 'CryptoError';
}

/** A sealed blob failed authentication: wrong key, wrong aad, or tampered bytes. Never retry with it. */
export class SealedDataError extends CryptoError {
  override readonly name = 'SealedDataError';
}

/** An MLS message, KeyPackage, Welcome or group state was malformed or failed MLS validation. */
export class MlsProtocolError extends CryptoError {
  override readonly name = 'MlsProtocolError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The credential policy (the app's authentication service) refused a device met in a group. */
export class UnauthorizedMemberError extends CryptoError {
  override readonly name = 'UnauthorizedMemberError';
}
