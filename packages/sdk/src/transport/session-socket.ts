import { type ClientFrame, closeCodes, ServerFrame, wsPath } from '@parley/protocol';
import { type BackoffPolicy, backoffDelay, defaultBackoff } from './backoff.ts';
import type { SocketConnection, SocketFactory } from './socket-port.ts';

/**
 * `connecting` before the first `ready`; `reconnecting` after an open connection dropped; `offline` while the
 * device says it has no network (no dialing until it is back); `closed` for good.
 */
export type SocketState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'offline' | 'closed';

export type SessionSocketOptions = Readonly<{
  baseUrl: string;
  factory: SocketFactory;
  /** Returns a valid session token; `fresh` asks for a new login after the server refused the old one. */
  token: (fresh: boolean) => Promise<string>;
  onFrame: (frame: ServerFrame) => void;
  onStateChange?: (state: SocketState) => void;
  backoff?: BackoffPolicy;
}>;

/**
 * One device's WebSocket session: authenticates with the first frame, validates every server frame, and
 * reconnects (re-authenticating) with capped, jittered backoff until closed.
 */
export class SessionSocket {
  readonly #options: SessionSocketOptions;
  #connection: SocketConnection | undefined;
  #state: SocketState = 'idle';
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #needFreshToken = false;
  #wasOpen = false;
  #ready: { resolve: () => void; reject: (error: Error) => void } | undefined;

  constructor(options: SessionSocketOptions) {
    this.#options = options;
  }

  get state(): SocketState {
    return this.#state;
  }

  /** Resolves once the server answered `ready`; later drops reconnect on their own. */
  open(): Promise<void> {
    if (this.#state === 'open') return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#ready = { resolve, reject };
      if (this.#state === 'idle') this.#dial();
    });
  }

  /** Sends a frame if the socket is open; returns false otherwise (callers fall back to HTTP). */
  send(frame: ClientFrame): boolean {
    if (this.#state !== 'open' || this.#connection === undefined) return false;
    this.#connection.send(JSON.stringify(frame));
    return true;
  }

  /**
   * What the device knows of its network (a browser's online and offline events): offline drops the
   * connection, which may otherwise look open for minutes, and stops dialing; online dials again at once.
   */
  setOnline(online: boolean): void {
    if (this.#state === 'closed' || this.#state === 'idle') return;
    if (online) {
      if (this.#state !== 'offline') return;
      this.#attempt = 0;
      this.#dial();
      return;
    }
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const old = this.#connection;
    this.#connection = undefined;
    this.#setState('offline');
    old?.close(closeCodes.normal, 'offline');
  }

  /** Drops the connection and dials again at once (used after the device joins a group it does not follow). */
  reconnect(): void {
    if (this.#state === 'closed' || this.#state === 'idle' || this.#state === 'offline') return;
    const old = this.#connection;
    this.#connection = undefined;
    old?.close(closeCodes.normal, 'reconnecting');
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#attempt = 0;
    this.#dial();
  }

  /** Closes for good: no reconnect follows. */
  close(): void {
    this.#setState('closed');
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close(closeCodes.normal, 'client closing');
    this.#ready?.reject(new Error('socket closed'));
    this.#ready = undefined;
  }

  #dial(): void {
    if (this.#state === 'closed') return;
    this.#setState(this.#wasOpen ? 'reconnecting' : 'connecting');
    const fresh = this.#needFreshToken;
    this.#needFreshToken = false;
    this.#options.token(fresh).then(
      (token) => this.#connect(token),
      () => this.#scheduleRetry(),
    );
  }

  #connect(token: string): void {
    if (this.#state === 'closed' || this.#state === 'offline') return;
    const url = `${this.#options.baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '')}${wsPath}`;
    const connection: SocketConnection = this.#options.factory(url, {
      onOpen: () => connection.send(JSON.stringify({ type: 'auth', token } satisfies ClientFrame)),
      onMessage: (text) => {
        if (this.#connection === connection) this.#receive(text);
      },
      onClose: (code) => {
        if (this.#connection !== connection) return;
        this.#connection = undefined;
        if (code === closeCodes.unauthenticated) this.#needFreshToken = true;
        if (code === closeCodes.sessionReplaced) {
          // Another connection of this same device took over; fighting it would loop forever.
          this.close();
          return;
        }
        this.#scheduleRetry();
      },
    });
    this.#connection = connection;
  }

  #receive(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return;
    }
    const parsed = ServerFrame.safeParse(json);
    if (!parsed.success) return;
    if (parsed.data.type === 'ready') {
      this.#attempt = 0;
      this.#wasOpen = true;
      this.#setState('open');
      this.#ready?.resolve();
      this.#ready = undefined;
    }
    this.#options.onFrame(parsed.data);
  }

  #scheduleRetry(): void {
    if (this.#state === 'closed' || this.#state === 'offline') return;
    this.#setState(this.#wasOpen ? 'reconnecting' : 'connecting');
    const delay = backoffDelay(this.#options.backoff ?? defaultBackoff, this.#attempt++);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#dial();
    }, delay);
  }

  #setState(state: SocketState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#options.onStateChange?.(state);
  }
}
