/** Size and rate limits enforced by the server and documented in docs/protocol.md. */
export const limits = {
  /** Largest HTTP request body accepted, in bytes (before base64 decoding of fields). */
  maxHttpBodyBytes: 3 * 1024 * 1024,
  /** Largest WebSocket frame accepted, in bytes. */
  maxWsFrameBytes: 128 * 1024,
  /** Largest application ciphertext (an MLS PrivateMessage), in bytes after decoding. */
  maxApplicationMessageBytes: 64 * 1024,
  /** Largest commit or welcome, in bytes after decoding. */
  maxHandshakeBytes: 1024 * 1024,
  maxKeyPackageBytes: 4096,
  maxKeyPackagesPerUpload: 100,
  maxKeyPackagesPerDevice: 200,
  /** Longest validity window (notBefore to notAfter) of an uploaded KeyPackage: 90 days. */
  maxKeyPackageLifetimeSeconds: 90 * 24 * 3600,
  maxDevicesPerAccount: 16,
  maxMembersPerGroup: 1000,
  maxMessagesPerPage: 500,
  maxClientMessageIdLength: 64,
  /** Sustained and burst WebSocket frames per connection. */
  wsFramesPerSecond: 200,
  wsFrameBurst: 400,
  /** Sustained and burst HTTP requests per client address (kept in memory only, never stored). */
  httpRequestsPerSecond: 50,
  httpRequestBurst: 200,
  /** Authentication attempts per minute per device. */
  authAttemptsPerMinute: 30,
  challengeTtlSeconds: 120,
  /** Staff and officer sign-in, per login name: failures answered at once, then a doubling wait from 1 s. */
  govSignInFreeFailures: 3,
  /** Consecutive failures that lock the login name out, and for how long (each later failure locks again). */
  govSignInLockoutFailures: 10,
  govSignInLockoutSeconds: 900,
  sessionTtlSeconds: 30 * 24 * 3600,
} as const;

export const usernamePattern = /^[a-z][a-z0-9_.-]{2,31}$/;
/** ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision ("US", "US-CA", "HK"). */
export const jurisdictionPattern = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
