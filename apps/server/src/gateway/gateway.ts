import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { closeCodes, errorCodes, limits, wsPath } from '@parley/protocol';
import { WebSocketServer } from 'ws';
import { type Fanout, type FanoutSubscription, topics } from '../fanout/fanout.ts';
import { Connection, type ConnectionDeps } from './connection.ts';
import { decodeEnvelope } from './envelope.ts';

type TopicEntry = { connections: Set<Connection>; subscription: Promise<FanoutSubscription> };

export type GatewayDeps = Omit<ConnectionDeps, 'attach' | 'follow' | 'detach'> &
  Readonly<{ fanout: Fanout; maxConnections: number; nodeId: string }>;

/**
 * The WebSocket side of the server: accepts connections up to a cap (kept below the process's file
 * descriptor limit so the process never fails at it), and routes fan-out publications to connections.
 */
export class Gateway implements AsyncDisposable {
  readonly #deps: GatewayDeps;
  readonly #wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxWsFrameBytes,
    perMessageDeflate: false,
    // The gateway keeps its own set of connections; ws's would add a set entry and a listener per socket.
    clientTracking: false,
  });
  readonly #connections = new Set<Connection>();
  readonly #devices = new Map<string, Connection>();
  readonly #topics = new Map<string, TopicEntry>();
  readonly #topicsOf = new Map<Connection, Set<string>>();
  readonly #connectionDeps: ConnectionDeps;
  #counter = 0;
  #closing = false;

  constructor(deps: GatewayDeps) {
    this.#deps = deps;
    this.#connectionDeps = {
      ...deps,
      attach: (c, groupIds) => this.#attach(c, groupIds),
      follow: (c, groupId) => this.#subscribe(topics.group(groupId), c),
      detach: (c) => this.#detach(c),
    };
    deps.fanout.onConnectivity((connected) => {
      if (connected) this.#resync();
    });
  }

  /**
   * After an outage of the shared bus, publications from other processes may be lost, and with them
   * messages, joins and device revocations. Every connection is closed with "try again later": each device
   * reconnects (the SDK does, with jitter) and signs in afresh, which re-reads its memberships and catches up
   * from its cursor in the database. Reconciling in place would need every kind of missed event replayed.
   */
  #resync(): void {
    if (this.#connections.size === 0) return;
    this.#deps.log('ws.resync_after_fanout', { connections: this.#connections.size });
    for (const connection of [...this.#connections])
      connection.close(closeCodes.tryAgainLater, 'fan-out resumed; reconnect to catch up');
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Handles an HTTP upgrade; anything but the WebSocket path, or beyond the cap, is refused with a status. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (request.url ?? '').split('?')[0];
    if (path !== wsPath) {
      refuse(socket, 404, 'not_found');
      return;
    }
    if (this.#closing || this.#connections.size >= this.#deps.maxConnections) {
      this.#deps.log('ws.refused_at_cap', { connections: this.#connections.size });
      refuse(socket, 503, 'server_busy');
      return;
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new Connection(`${this.#deps.nodeId}.${++this.#counter}`, ws, this.#connectionDeps);
      this.#connections.add(connection);
    });
  }

  async #attach(connection: Connection, groupIds: readonly string[]): Promise<void> {
    const auth = connection.auth;
    if (!auth) return;
    const previous = this.#devices.get(auth.deviceId);
    if (previous && previous !== connection)
      previous.close(closeCodes.sessionReplaced, 'replaced by a newer connection');
    this.#devices.set(auth.deviceId, connection);
    await Promise.all([
      this.#subscribe(topics.device(auth.deviceId), connection),
      this.#subscribe(topics.account(auth.username), connection),
      ...groupIds.map((id) => this.#subscribe(topics.group(id), connection)),
    ]);
    if (connection.closed) this.#detach(connection);
  }

  async #subscribe(topic: string, connection: Connection): Promise<void> {
    let entry = this.#topics.get(topic);
    if (!entry) {
      const connections = new Set<Connection>();
      const subscription = this.#deps.fanout.subscribe(topic, (data) => {
        const envelope = decodeEnvelope(data);
        for (const c of connections) c.receive(envelope);
      });
      entry = { connections, subscription };
      this.#topics.set(topic, entry);
    }
    entry.connections.add(connection);
    const mine = this.#topicsOf.get(connection) ?? new Set<string>();
    this.#topicsOf.set(connection, mine.add(topic));
    await entry.subscription;
  }

  #detach(connection: Connection): void {
    this.#connections.delete(connection);
    const deviceId = connection.deviceId;
    if (deviceId && this.#devices.get(deviceId) === connection) this.#devices.delete(deviceId);
    for (const topic of this.#topicsOf.get(connection) ?? []) {
      const entry = this.#topics.get(topic);
      if (!entry?.connections.delete(connection) || entry.connections.size > 0) continue;
      this.#topics.delete(topic);
      void entry.subscription.then((s) => s.unsubscribe());
    }
    this.#topicsOf.delete(connection);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.#closing = true;
    for (const connection of [...this.#connections])
      connection.close(closeCodes.goingAway, 'server shutting down');
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }
}

function refuse(socket: Duplex, status: 404 | 503, code: 'not_found' | 'server_busy'): void {
  const body = JSON.stringify({ error: { code, message: errorCodes[code].message } });
  socket.end(
    `HTTP/1.1 ${status} ${status === 503 ? 'Service Unavailable' : 'Not Found'}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `${status === 503 ? 'Retry-After: 5\r\n' : ''}Connection: close\r\n\r\n${body}`,
  );
}
