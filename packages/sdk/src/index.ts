export { UnauthorizedMemberError } from '@parley/crypto';
export { ParleyClient, type ParleyClientOptions, type SendOptions } from './client.ts';
export {
  describeKtState,
  describeSecurityAlert,
  type EventOf,
  type ParleyEvent,
  type ParleyEventType,
} from './events.ts';
export * from './governance-vocabulary.ts';
export {
  DeviceListRefusedError,
  UnknownAccountError,
  type VerifiedAccount,
} from './identity/account-directory.ts';
export {
  KeyTransparencyError,
  type KtProblem,
  type WitnessPolicy,
  WitnessPolicyError,
} from './identity/key-transparency.ts';
export type { KtState } from './identity/kt-state.ts';
export { LinkPendingError, LinkVerificationError } from './identity/linking.ts';
export type {
  ChatMessage,
  Conversation,
  ConversationStatus,
  DeviceRef,
} from './messaging/conversation-records.ts';
export type { PendingMessage } from './messaging/outbox.ts';
export type { ReplyRef } from './messaging/payload.ts';
export { type ClientStore, getJson, putJson } from './store/client-store.ts';
export { MemoryStore } from './store/memory-store.ts';
export { checkNewPassphrase, MIN_PASSPHRASE_LENGTH, WeakPassphraseError } from './store/passphrase.ts';
export * from './transparency/index.ts';
export { isRetryable, ParleyApiError } from './transport/api-error.ts';
export { type BackoffPolicy, backoffDelay } from './transport/backoff.ts';
export { type FetchLike, HttpClient, type HttpClientOptions } from './transport/http-client.ts';
export { SessionSocket, type SessionSocketOptions, type SocketState } from './transport/session-socket.ts';
export {
  globalSocketFactory,
  type SocketConnection,
  type SocketFactory,
  type SocketHandlers,
  standardSocketFactory,
} from './transport/socket-port.ts';
