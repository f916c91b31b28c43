import { z } from 'zod';
import { ErrorCode } from './errors-schema.ts';
import { limits } from './limits.ts';
import { b64, ClientMessageId, GroupMessage, Id, Seq, Username } from './schemas.ts';
import { singleLineText } from './text.ts';

/** The WebSocket endpoint. The first frame must be `auth`; the token never appears in a URL. */
export const wsPath = '/v1/ws';

export const ClientFrame = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(256) }),
  z.strictObject({
    type: z.literal('send'),
    id: ClientMessageId,
    groupId: Id,
    payload: b64(limits.maxApplicationMessageBytes),
  }),
  /** Cumulative: the device has processed every message of the group up to and including `seq`. */
  z.strictObject({ type: z.literal('ack'), groupId: Id, seq: Seq }),
  z.strictObject({ type: z.literal('ping'), id: singleLineText(64).optional() }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ServerFrame = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), username: Username, deviceId: Id }),
  z.strictObject({ type: z.literal('message'), message: GroupMessage }),
  /** Every stored message waiting at connect time has been sent; live messages follow. */
  z.strictObject({ type: z.literal('synced') }),
  /** The send with this client id is durably stored under this sequence number. */
  z.strictObject({ type: z.literal('sent'), id: ClientMessageId, groupId: Id, seq: Seq }),
  z.strictObject({ type: z.literal('device-list-changed'), username: Username }),
  /** Sent to the account's own devices: this device has key packages, so it can be added to conversations. */
  z.strictObject({ type: z.literal('key-packages-published'), deviceId: Id }),
  /** A government-request notice for this account is waiting at `GET /v1/me/notices`. */
  z.strictObject({ type: z.literal('notice'), id: z.string() }),
  z.strictObject({ type: z.literal('pong'), id: z.string().optional() }),
  z.strictObject({
    type: z.literal('error'),
    /** The client id of the send that failed, when the error concerns one. */
    id: z.string().optional(),
    code: ErrorCode,
    message: z.string(),
  }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
