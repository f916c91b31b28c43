import { z } from 'zod';
import { catalogueRoutes } from './catalogue-http.ts';
import { governanceAccessRoutes } from './governance-access-http.ts';
import { type GovPrincipalKind, governanceRoutes } from './governance-http.ts';
import { ktRoutes } from './kt-http.ts';
import { limits } from './limits.ts';
import {
  ConsistencyProof,
  ConsistencyProofQuery,
  InclusionProof,
  InclusionProofQuery,
  LogHandovers,
} from './log-http.ts';
import { noticeRoutes } from './notice-http.ts';
import { openApiRoutes } from './openapi.ts';
import { productionRoutes } from './production-http.ts';
import { reportRoutes } from './report-http.ts';
import {
  b64,
  ClientMessageId,
  Ed25519PublicKey,
  Ed25519Signature,
  Epoch,
  GroupMessage,
  Id,
  Jurisdiction,
  Seq,
  SignedDeviceList,
  Username,
} from './schemas.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One HTTP route. `auth` routes need `Authorization: Bearer <session token>`. */
export type RouteDef = Readonly<{
  method: Method;
  path: string;
  auth: boolean;
  /** Staff and officer routes: the bearer token is a staff or officer session (see governance-http.ts). */
  principal?: GovPrincipalKind;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /** HTTP status of a successful response. */
  status: 200 | 201;
  /** Cache-Control of a successful response (refusals are never cached); none when absent. */
  cacheControl?: string;
}>;

const GroupParams = z.strictObject({ groupId: Id });
const UsernameParams = z.strictObject({ username: Username });
const Empty = z.strictObject({});

export const Health = z.strictObject({ status: z.literal('ok'), version: z.string() });
/**
 * Each dependency the server needs to take traffic (a 503 `not_ready` names the ones that failed), and
 * whether the transparency log keeps up: `degraded` (still 200) when its sequencer is behind or its latest
 * checkpoint lacks a witness's cosignature ten minutes after it was signed.
 */
export const Readiness = z.strictObject({
  status: z.enum(['ready', 'degraded']),
  checks: z.strictObject({
    database: z.literal('ok'),
    fanout: z.enum(['ok', 'in-process']),
    sequencer: z.enum(['ok', 'behind']),
    witnesses: z.enum(['ok', 'stale', 'none']),
  }),
});

export const RegisterBody = z.strictObject({
  accountKey: Ed25519PublicKey,
  deviceList: SignedDeviceList,
  /** Where the member says they live; optional, self-declared, and the only location Parley holds. */
  jurisdiction: Jurisdiction.nullable().default(null),
});
export const Account = z.strictObject({
  username: Username,
  accountKey: Ed25519PublicKey,
  deviceList: SignedDeviceList,
});
export type Account = z.infer<typeof Account>;

export const ChallengeBody = z.strictObject({ username: Username, deviceId: Id });
export const Challenge = z.strictObject({ challenge: b64(32), expiresAt: z.iso.datetime() });
export const SessionBody = z.strictObject({
  username: Username,
  deviceId: Id,
  challenge: b64(32),
  signature: Ed25519Signature,
});
export const Session = z.strictObject({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  username: Username,
  deviceId: Id,
});

export const UploadKeyPackagesBody = z.strictObject({
  keyPackages: z.array(b64(limits.maxKeyPackageBytes)).max(limits.maxKeyPackagesPerUpload),
  /** Replaces the device's last-resort package, handed out when the one-shot ones run out. */
  lastResort: b64(limits.maxKeyPackageBytes).optional(),
});
export const KeyPackageCount = z.strictObject({ available: z.number().int(), lastResort: z.boolean() });
export const ClaimKeyPackagesBody = z.strictObject({
  username: Username,
  /** Only these devices of the account (default: every device in its signed list). */
  deviceIds: z.array(Id).max(limits.maxDevicesPerAccount).optional(),
});
export const ClaimedKeyPackages = z.strictObject({
  account: Account,
  keyPackages: z.array(
    z.strictObject({ deviceId: Id, keyPackage: b64(limits.maxKeyPackageBytes), lastResort: z.boolean() }),
  ),
});

export const CreateGroupBody = z.strictObject({ groupId: Id });
export const GroupSummary = z.strictObject({ groupId: Id, epoch: Epoch, lastSeq: Seq, cursor: Seq });
export const GroupList = z.strictObject({ groups: z.array(GroupSummary) });
export const GroupDetail = z.strictObject({
  groupId: Id,
  epoch: Epoch,
  members: z.array(z.strictObject({ username: Username, deviceId: Id })),
});

export const CommitBody = z.strictObject({
  /** The epoch the committer's state is in; the server accepts exactly one commit per epoch. */
  epoch: Epoch,
  /** An MLS PublicMessage commit: the server applies the adds and removes it states, and nothing else. */
  commit: b64(limits.maxHandshakeBytes),
  /** The Welcome for the devices the commit adds (exactly when it adds some). */
  welcome: b64(limits.maxHandshakeBytes).optional(),
  /** The new epoch's GroupInfo (with its ratchet tree), from which a member out of step can rejoin. */
  groupInfo: b64(limits.maxHandshakeBytes),
});
export const CommitAccepted = z.strictObject({ seq: Seq, epoch: Epoch });
export const GroupInfoResponse = z.strictObject({ epoch: Epoch, groupInfo: b64(limits.maxHandshakeBytes) });

export const SendBody = z.strictObject({
  id: ClientMessageId,
  payload: b64(limits.maxApplicationMessageBytes),
});
export const Sent = z.strictObject({ id: ClientMessageId, groupId: Id, seq: Seq });

export const MessagesQuery = z.strictObject({
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().positive().max(limits.maxMessagesPerPage).default(limits.maxMessagesPerPage),
});
export const MessagePage = z.strictObject({ messages: z.array(GroupMessage), more: z.boolean() });
export const AckBody = z.strictObject({ seq: Seq });

/** Every HTTP route. Servers register from this table; clients call through it. */
export const routes = {
  health: { method: 'GET', path: '/health', auth: false, response: Health, status: 200 },
  ready: { method: 'GET', path: '/ready', auth: false, response: Readiness, status: 200 },
  register: {
    method: 'POST',
    path: '/v1/accounts',
    auth: false,
    body: RegisterBody,
    response: Account,
    status: 201,
  },
  getAccount: {
    method: 'GET',
    path: '/v1/accounts/:username',
    auth: true,
    params: UsernameParams,
    response: Account,
    status: 200,
  },
  updateDeviceList: {
    method: 'PUT',
    path: '/v1/me/device-list',
    auth: true,
    body: z.strictObject({ deviceList: SignedDeviceList }),
    response: Account,
    status: 200,
  },
  challenge: {
    method: 'POST',
    path: '/v1/auth/challenge',
    auth: false,
    body: ChallengeBody,
    response: Challenge,
    status: 200,
  },
  session: {
    method: 'POST',
    path: '/v1/auth/session',
    auth: false,
    body: SessionBody,
    response: Session,
    status: 201,
  },
  logout: { method: 'DELETE', path: '/v1/auth/session', auth: true, response: Empty, status: 200 },
  uploadKeyPackages: {
    method: 'POST',
    path: '/v1/key-packages',
    auth: true,
    body: UploadKeyPackagesBody,
    response: KeyPackageCount,
    status: 200,
  },
  countKeyPackages: {
    method: 'GET',
    path: '/v1/key-packages',
    auth: true,
    response: KeyPackageCount,
    status: 200,
  },
  claimKeyPackages: {
    method: 'POST',
    path: '/v1/key-packages/claim',
    auth: true,
    body: ClaimKeyPackagesBody,
    response: ClaimedKeyPackages,
    status: 200,
  },
  createGroup: {
    method: 'POST',
    path: '/v1/groups',
    auth: true,
    body: CreateGroupBody,
    response: GroupSummary,
    status: 201,
  },
  listGroups: { method: 'GET', path: '/v1/groups', auth: true, response: GroupList, status: 200 },
  getGroup: {
    method: 'GET',
    path: '/v1/groups/:groupId',
    auth: true,
    params: GroupParams,
    response: GroupDetail,
    status: 200,
  },
  commit: {
    method: 'POST',
    path: '/v1/groups/:groupId/commits',
    auth: true,
    params: GroupParams,
    body: CommitBody,
    response: CommitAccepted,
    status: 201,
  },
  groupInfo: {
    method: 'GET',
    path: '/v1/groups/:groupId/group-info',
    auth: true,
    params: GroupParams,
    response: GroupInfoResponse,
    status: 200,
  },
  send: {
    method: 'POST',
    path: '/v1/groups/:groupId/messages',
    auth: true,
    params: GroupParams,
    body: SendBody,
    response: Sent,
    status: 201,
  },
  messages: {
    method: 'GET',
    path: '/v1/groups/:groupId/messages',
    auth: true,
    params: GroupParams,
    query: MessagesQuery,
    response: MessagePage,
    status: 200,
  },
  ack: {
    method: 'POST',
    path: '/v1/groups/:groupId/ack',
    auth: true,
    params: GroupParams,
    body: AckBody,
    response: Empty,
    status: 200,
  },
  /** Transparency log proofs (JSON); the log's checkpoint and tiles are in `log-http.ts`. */
  logInclusionProof: {
    method: 'GET',
    path: '/log/proof/inclusion',
    auth: false,
    query: InclusionProofQuery,
    response: InclusionProof,
    status: 200,
  },
  logConsistencyProof: {
    method: 'GET',
    path: '/log/proof/consistency',
    auth: false,
    query: ConsistencyProofQuery,
    response: ConsistencyProof,
    status: 200,
  },
  /** Every log-key rotation, oldest first, each with its handover checkpoint signed by the old key. */
  logHandovers: {
    method: 'GET',
    path: '/log/handovers',
    auth: false,
    response: LogHandovers,
    status: 200,
  },
  ...ktRoutes,
  ...governanceRoutes,
  ...governanceAccessRoutes,
  ...productionRoutes,
  ...reportRoutes,
  ...noticeRoutes,
  ...catalogueRoutes,
  ...openApiRoutes,
} as const satisfies Record<string, RouteDef>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
type Field<R, K extends string> = R extends Record<K, infer S extends z.ZodType> ? z.input<S> : undefined;
type Parsed<R, K extends string> = R extends Record<K, infer S extends z.ZodType> ? z.output<S> : undefined;
/** What a client sends for a route (before defaults are applied). */
export type RouteInput<N extends RouteName> = Readonly<{
  params: Field<Routes[N], 'params'>;
  query: Field<Routes[N], 'query'>;
  body: Field<Routes[N], 'body'>;
}>;
/** What the server handler receives after validation. */
export type RouteRequest<N extends RouteName> = Readonly<{
  params: Parsed<Routes[N], 'params'>;
  query: Parsed<Routes[N], 'query'>;
  body: Parsed<Routes[N], 'body'>;
}>;
export type RouteResponse<N extends RouteName> = z.output<Routes[N]['response']>;
