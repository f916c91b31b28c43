export { type ClientStore, getJson, putJson } from './store/client-store.ts';
export { MemoryStore } from './store/memory-store.ts';
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
