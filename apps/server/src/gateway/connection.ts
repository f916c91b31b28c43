import { Socket } from 'node:net';
import {
  type ClientFrame,
  ClientFrame as ClientFrameSchema,
  closeCodes,
  type ErrorCode,
  errorCodes,
  limits,
  type ServerFrame,
} from '@parley/protocol';
import type { WebSocket } from 'ws';
import { faultEvent, faultFields, refusalFor } from '../db/errors.ts';
import { ApiError } from '../errors.ts';
import { parse } from '../http/app.ts';
import type { AuthContext } from '../http/handlers.ts';
import { TokenBucket } from '../http/rate-limit.ts';
import type { Membership } from '../modules/groups/store.ts';
import { type Envelope, type Frame, serializeFrame } from './envelope.ts';
import { type Backlog, GroupStream } from './group-stream.ts';

/** What a connection needs from the rest of the server. */
export type ConnectionDeps = Readonly<{
  authenticate: (token: string) => Promise<AuthContext | null>;
  memberships: (deviceId: string) => Promise<Membership[]>;
  membership: (deviceId: string, groupId: string) => Promise<Membership | undefined>;
  backlog: (deviceId: string, member: Membership, after: number) => Promise<Backlog>;
  send: (deviceId: string, groupId: string, id: string, payload: string) => Promise<{ seq: number }>;
  /** Records a cumulative acknowledgement; the group service batches them across connections. */
  ack: (deviceId: string, groupId: string, seq: number) => void;
  /** Called once authenticated: the gateway registers the device and subscribes to its topics. */
  attach: (connection: Connection, groupIds: readonly string[]) => Promise<void>;
  follow: (connection: Connection, groupId: string) => Promise<void>;
  detach: (connection: Connection) => void;
  touch: (deviceId: string) => Promise<void>;
  log: (event: string, fields?: Readonly<Record<string, string | number | boolean>>) => void;
  /** Told of every frame sent and the code of every error frame (for metrics). */
  frameSent: () => void;
  refused: (code: ErrorCode) => void;
}>;

const authTimeoutMs = 10_000;
/** A connection whose unsent buffer passes this is closed; it catches up from its cursor on reconnect. */
const maxBufferedBytes = 8 * 1024 * 1024;
/** A catch-up pauses while this much is unsent, and gives up as a slow consumer if it does not drain in time. */
const catchUpBufferedBytes = 1024 * 1024;
const catchUpDrainMs = 30_000;

/** One device's WebSocket: authentication, validated frames, ordered delivery, batched acknowledgements. */
export class Connection {
  readonly id: string;
  /** Who is connected, without the session's token hash, which a connection never needs again. */
  auth: Omit<AuthContext, 'tokenHash'> | null = null;
  readonly #ws: WebSocket;
  readonly #deps: ConnectionDeps;
  readonly #streams = new Map<string, GroupStream>();
  readonly #limiter = new TokenBucket(limits.wsFramesPerSecond, limits.wsFrameBurst);
  #queue: Promise<void> = Promise.resolve();
  /** Dropped once authenticated: an idle connection holds no timer. */
  #authTimer: NodeJS.Timeout | undefined;
  #closed = false;
  #detached = false;
  #corked = false;

  constructor(id: string, ws: WebSocket, deps: ConnectionDeps) {
    this.id = id;
    this.#ws = ws;
    this.#deps = deps;
    this.#authTimer = setTimeout(
      () => this.close(closeCodes.authTimeout, 'authentication timeout'),
      authTimeoutMs,
    );
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('close', () => this.#onClose());
    ws.on('error', () => this.close(closeCodes.normal, 'socket error'));
  }

  get closed(): boolean {
    return this.#closed;
  }

  get deviceId(): string | undefined {
    return this.auth?.deviceId;
  }

  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#ws.close(code, reason);
    this.#onClose();
  }

  /** A fan-out envelope for one of this connection's topics. */
  receive(envelope: Envelope): void {
    if (!this.auth) return;
    switch (envelope.t) {
      case 'message': {
        const stream = this.#streams.get(envelope.groupId);
        if (!stream) return;
        const me = this.auth.deviceId;
        const visible =
          envelope.exclude !== me && (envelope.audience === null || envelope.audience.includes(me));
        stream.offer(
          envelope.seq,
          visible ? envelope.frame : null,
          envelope.removes.includes(me) ? envelope.seq : null,
        );
        return;
      }
      case 'frame':
        this.sendRaw(envelope.frame);
        return;
      case 'joined':
        this.#serial(() => this.#join(envelope.groupId));
        return;
      case 'revoked':
        this.close(closeCodes.unauthenticated, 'device removed from account');
        return;
    }
  }

  sendRaw(frame: Frame): void {
    if (this.#closed) return;
    if (this.#ws.bufferedAmount > maxBufferedBytes) {
      this.#deps.log('ws.slow_consumer_closed', { connection: this.id });
      this.close(closeCodes.tryAgainLater, 'slow consumer');
      return;
    }
    this.#cork();
    this.#deps.frameSent();
    // Bytes are sent as a text frame: they are JSON, encoded once for every connection that gets them.
    this.#ws.send(frame, { binary: false });
  }

  /**
   * Frames sent to one socket in the same tick (a batch of deliveries, a batch of `sent` answers) leave in one
   * system call: writes are held until the next tick.
   */
  #cork(): void {
    if (this.#corked) return;
    const socket: unknown = Reflect.get(this.#ws, '_socket');
    if (!(socket instanceof Socket)) return;
    this.#corked = true;
    socket.cork();
    process.nextTick(() => {
      this.#corked = false;
      socket.uncork();
    });
  }

  #sendFrame(frame: ServerFrame): void {
    this.sendRaw(serializeFrame(frame));
  }

  #error(code: ErrorCode, message: string = errorCodes[code].message, id?: string): void {
    this.#deps.refused(code);
    this.#sendFrame(
      id === undefined ? { type: 'error', code, message } : { type: 'error', id, code, message },
    );
  }

  #onMessage(data: unknown, isBinary: boolean): void {
    if (this.#closed) return;
    if (!this.#limiter.take()) {
      this.#error('rate_limited');
      return;
    }
    let frame: ClientFrame;
    try {
      if (isBinary || !(data instanceof Buffer))
        throw new ApiError('malformed_request', 'Frames are JSON text.');
      let json: unknown;
      try {
        json = JSON.parse(data.toString('utf8'));
      } catch {
        throw new ApiError('malformed_request');
      }
      frame = parse(ClientFrameSchema, json) as ClientFrame;
    } catch (error) {
      if (error instanceof ApiError) this.#error(error.code, error.message);
      return;
    }
    this.#handle(frame);
  }

  #handle(frame: ClientFrame): void {
    if (frame.type === 'ping') {
      this.#sendFrame(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id });
      return;
    }
    if (frame.type === 'auth') {
      if (this.auth) this.#error('validation_failed', 'Already authenticated.');
      else this.#serial(() => this.#authenticate(frame.token));
      return;
    }
    if (!this.auth) {
      this.close(closeCodes.unauthenticated, 'authenticate first');
      return;
    }
    if (frame.type === 'ack') {
      this.#deps.ack(this.auth.deviceId, frame.groupId, frame.seq);
      return;
    }
    const deviceId = this.auth.deviceId;
    this.#serial(async () => this.#submit(deviceId, frame.id, frame.groupId, frame.payload));
  }

  /**
   * Hands a send to the store without waiting for earlier sends' answers: the store writes batches one at a
   * time and keeps submission order within a batch, so a device's messages keep their order while many are
   * in flight. Waiting for each answer would hold a device to one message per database commit.
   */
  #submit(deviceId: string, id: string, groupId: string, payload: string): void {
    this.#deps.send(deviceId, groupId, id, payload).then(
      ({ seq }) => {
        // Remembered in memory only, so a gap fill from the database does not echo the device's own send.
        this.#streams.get(groupId)?.offer(seq, null);
        this.#sendFrame({ type: 'sent', id, groupId, seq });
      },
      (error: unknown) => this.#failed(error, id),
    );
  }

  /** Answers a failed task: a refusal the client can act on by its code, anything else as `internal`. */
  #failed(error: unknown, id?: string): void {
    const refusal = refusalFor(error);
    const event = faultEvent(refusal);
    if (event) this.#deps.log(event, { connection: this.id });
    if (refusal) {
      this.#error(refusal.code, refusal.message, id);
      return;
    }
    this.#deps.log('ws.internal_error', { connection: this.id, ...faultFields(error) });
    this.#error('internal', undefined, id);
  }

  /** Work that must keep the order frames arrived in (auth before sends, sends submitted in order). */
  #serial(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(task).catch((error: unknown) => this.#failed(error));
  }

  async #authenticate(token: string): Promise<void> {
    const auth = await this.#deps.authenticate(token);
    if (this.#closed) return;
    if (!auth) {
      this.close(closeCodes.unauthenticated, 'invalid session');
      return;
    }
    clearTimeout(this.#authTimer);
    this.#authTimer = undefined;
    this.auth = { deviceId: auth.deviceId, accountId: auth.accountId, username: auth.username };
    const memberships = await this.#deps.memberships(auth.deviceId);
    for (const member of memberships) this.#streams.set(member.group_id, this.#stream(member));
    await this.#deps.attach(
      this,
      memberships.map((m) => m.group_id),
    );
    await this.#deps.touch(auth.deviceId);
    this.#sendFrame({ type: 'ready', username: auth.username, deviceId: auth.deviceId });
    for (const stream of this.#streams.values()) await stream.catchUp();
    this.#sendFrame({ type: 'synced' });
  }

  async #join(groupId: string): Promise<void> {
    const deviceId = this.auth?.deviceId;
    if (!deviceId || this.#streams.has(groupId)) return;
    const member = await this.#deps.membership(deviceId, groupId);
    if (!member) return;
    const stream = this.#stream(member);
    this.#streams.set(groupId, stream);
    await this.#deps.follow(this, groupId);
    await stream.catchUp();
  }

  #stream(member: Membership): GroupStream {
    const deviceId = this.auth?.deviceId ?? '';
    return new GroupStream(
      { after: Math.max(member.cursor, member.from_seq), until: member.until_seq },
      (frame) => this.sendRaw(frame),
      (after) => this.#deps.backlog(deviceId, member, after),
      () => this.#catchUpWait(),
    );
  }

  /** Undefined while the socket can take more; else resolves once it drained (or the connection closed). */
  #catchUpWait(): Promise<void> | undefined {
    if (this.#closed || this.#ws.bufferedAmount <= catchUpBufferedBytes) return undefined;
    const socket: unknown = Reflect.get(this.#ws, '_socket');
    if (!(socket instanceof Socket)) return undefined;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        socket.off('drain', done);
        socket.off('close', done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#deps.log('ws.slow_consumer_closed', { connection: this.id });
        this.close(closeCodes.tryAgainLater, 'slow consumer');
        done();
      }, catchUpDrainMs);
      socket.on('drain', done);
      socket.on('close', done);
    });
  }

  #onClose(): void {
    this.#closed = true;
    if (this.#detached) return;
    this.#detached = true;
    clearTimeout(this.#authTimer);
    this.#deps.detach(this);
  }
}
