import { CryptoError } from './errors.js';
import type { DeviceIdentity, DeviceRef } from './mls-identity.js';
import { credentialIdentity, parseCredentialIdentity } from './mls-identity.js';
import { generateKeyPackage, keyPackageLeaf, welcomeRefs } from './mls-library.js';

/**
 * What to upload (keyPackage), what to keep (privatePackage, sealed), the ref a Welcome will name, and the
 * moment the package stops being valid.
 */
export type CreatedKeyPackage = Readonly<{
  keyPackage: Uint8Array;
  privatePackage: Uint8Array;
  ref: string;
  notAfter: Date;
}>;

/** How long a KeyPackage is valid: its init key is a long-term secret until used, so it must not live forever. */
export const KEY_PACKAGE_LIFETIME_DAYS = 90;

const PRIVATE_PACKAGE_FORMAT = 1;
const DAY_SECONDS = 86_400n;

/**
 * Whole UTC days, starting the day before `now` (for clocks running behind), so the signed lifetime tells
 * whoever stores the package the day it was made, not the second.
 */
function lifetimeFrom(now: Date): Readonly<{ notBefore: bigint; notAfter: bigint }> {
  const today = BigInt(Math.floor(now.getTime() / 1000)) / DAY_SECONDS;
  const notBefore = (today - 1n) * DAY_SECONDS;
  return { notBefore, notAfter: notBefore + BigInt(KEY_PACKAGE_LIFETIME_DAYS) * DAY_SECONDS };
}

/**
 * Creates a KeyPackage for this device. The private package holds only the init and HPKE keys: the signature
 * key is the device identity key, kept once by the client, never copied into every stored package.
 * Upload several single-use packages and one `lastResort` package that the server may hand out repeatedly.
 * Each is valid for KEY_PACKAGE_LIFETIME_DAYS from the day before `now`.
 */
export async function createKeyPackage(
  identity: DeviceIdentity,
  options: Readonly<{ lastResort?: boolean; now?: Date }> = {},
): Promise<CreatedKeyPackage> {
  const lifetime = lifetimeFrom(options.now ?? new Date());
  const created = await generateKeyPackage(
    credentialIdentity(identity),
    { publicKey: identity.signaturePublicKey, privateKey: identity.signaturePrivateKey },
    options.lastResort ?? false,
    lifetime,
  );
  return {
    keyPackage: created.keyPackage,
    privatePackage: encodePrivatePackage(created.initPrivateKey, created.hpkePrivateKey),
    ref: created.ref,
    notAfter: new Date(Number(lifetime.notAfter) * 1000),
  };
}

/**
 * The device a KeyPackage speaks for (its credential) and the signature key it carries. A claimed package
 * must be checked against the device that was asked for: the server chooses which package to hand out.
 * Throws MlsProtocolError for bytes that are not a KeyPackage of this ciphersuite.
 */
export function keyPackageDevice(
  keyPackage: Uint8Array,
): Readonly<DeviceRef & { signatureKey: Uint8Array }> | undefined {
  const leaf = keyPackageLeaf(keyPackage);
  const device = parseCredentialIdentity(leaf.identity);
  return device && { ...device, signatureKey: leaf.signatureKey };
}

/** The KeyPackage refs (hex) a Welcome is addressed to, to find the matching stored private package. */
export function welcomeKeyPackageRefs(welcome: Uint8Array): string[] {
  return welcomeRefs(welcome);
}

function encodePrivatePackage(initPrivateKey: Uint8Array, hpkePrivateKey: Uint8Array): Uint8Array {
  const out = new Uint8Array(3 + initPrivateKey.length + hpkePrivateKey.length);
  out[0] = PRIVATE_PACKAGE_FORMAT;
  out[1] = initPrivateKey.length;
  out.set(initPrivateKey, 2);
  out[2 + initPrivateKey.length] = hpkePrivateKey.length;
  out.set(hpkePrivateKey, 3 + initPrivateKey.length);
  return out;
}

/** @internal Parses a private package written by createKeyPackage. */
export function decodePrivatePackage(bytes: Uint8Array): {
  initPrivateKey: Uint8Array;
  hpkePrivateKey: Uint8Array;
} {
  const initLength = bytes[1] ?? 0;
  const hpkeLength = bytes[2 + initLength] ?? 0;
  if (
    bytes[0] !== PRIVATE_PACKAGE_FORMAT ||
    bytes.length !== 3 + initLength + hpkeLength ||
    initLength === 0
  ) {
    throw new CryptoError('malformed private KeyPackage');
  }
  return {
    initPrivateKey: bytes.slice(2, 2 + initLength),
    hpkePrivateKey: bytes.slice(3 + initLength),
  };
}
