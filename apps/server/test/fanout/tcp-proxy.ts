import { once } from 'node:events';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/**
 * A TCP relay in front of the shared NATS server. Cutting it looks to a client exactly like a NATS restart,
 * without disturbing other test runs on the same server or needing the nats-server binary in CI.
 */
export class TcpProxy implements AsyncDisposable {
  readonly #target: Readonly<{ host: string; port: number }>;
  readonly #sockets = new Set<Socket>();
  readonly #upstreamDelayMs: number;
  #server: Server | undefined;
  #port = 0;

  private constructor(target: Readonly<{ host: string; port: number }>, upstreamDelayMs: number) {
    this.#target = target;
    this.#upstreamDelayMs = upstreamDelayMs;
  }

  /**
   * Starts relaying from a free local port to the host and port of `natsUrl`, holding each chunk the client
   * sends for `upstreamDelayMs` (a slow link, where a SUB can arrive after another client's PUB).
   */
  static async start(natsUrl: string, upstreamDelayMs = 0): Promise<TcpProxy> {
    const url = new URL(natsUrl);
    const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || '4222') }, upstreamDelayMs);
    await proxy.resume();
    return proxy;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.#port}`;
  }

  /** Stops listening and drops every relayed connection. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async resume(): Promise<void> {
    const server = createServer((client) => {
      const upstream = tcpConnect(this.#target.port, this.#target.host);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('error', () => {});
        socket.on('close', () => {
          this.#sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      // Equal delays keep chunks in order: timers with the same timeout fire in the order they were set.
      client.on('data', (chunk) => {
        setTimeout(() => upstream.write(chunk), this.#upstreamDelayMs);
      });
      upstream.pipe(client);
    });
    server.listen(this.#port, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address !== null && typeof address === 'object') this.#port = address.port;
    this.#server = server;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.cut();
  }
}
