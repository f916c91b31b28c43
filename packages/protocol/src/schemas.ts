import { z } from 'zod';
import { base64urlProblem } from './bytes.ts';
import { jurisdictionPattern, limits, usernamePattern } from './limits.ts';

/**
 * Canonical base64url bytes with an upper bound on the decoded size: the one schema for every binary field,
 * so text the decoder would refuse (a length of 1 mod 4, stray bits, another alphabet) never gets past the edge.
 */
export const b64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil((maxBytes * 4) / 3))
    .superRefine((text, ctx) => {
      const problem = base64urlProblem(text);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    });

export const Username = z.string().regex(usernamePattern, 'invalid username');
export const Jurisdiction = z.string().regex(jurisdictionPattern, 'ISO 3166-1 alpha-2, optional subdivision');
/** 16 random bytes, base64url: device ids and group ids. */
export const Id = b64(16).length(22, 'must be 16 bytes base64url');
export const Seq = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const Epoch = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const Ed25519PublicKey = b64(32).length(43, 'Ed25519 public key: 32 bytes base64url');
export const Ed25519Signature = b64(64).length(86, 'Ed25519 signature: 64 bytes base64url');
export const ClientMessageId = z
  .string()
  .min(1)
  .max(limits.maxClientMessageIdLength)
  .regex(/^[A-Za-z0-9_-]+$/);

/** One device of an account, as listed (and signed) in the account's device list. */
export const DeviceEntry = z.strictObject({
  deviceId: Id,
  signatureKey: Ed25519PublicKey,
  addedAt: z.iso.date(),
});
export type DeviceEntry = z.infer<typeof DeviceEntry>;

/** The content of a device list; it travels as the exact bytes that were signed (`payload`). */
export const DeviceList = z.strictObject({
  username: Username,
  version: z.number().int().positive(),
  devices: z.array(DeviceEntry).min(1).max(limits.maxDevicesPerAccount),
});
export type DeviceList = z.infer<typeof DeviceList>;

export const SignedDeviceList = z.strictObject({
  payload: b64(16 * 1024),
  signature: Ed25519Signature,
});
export type SignedDeviceList = z.infer<typeof SignedDeviceList>;

export const MessageKind = z.enum(['application', 'commit', 'welcome']);
export type MessageKind = z.infer<typeof MessageKind>;

/** One stored group message as delivered to a device. The server does not know or record who sent it. */
export const GroupMessage = z.strictObject({
  groupId: Id,
  seq: Seq,
  kind: MessageKind,
  /** For commits: the epoch the commit moves the group out of. */
  epoch: Epoch,
  payload: b64(limits.maxHandshakeBytes),
});
export type GroupMessage = z.infer<typeof GroupMessage>;
