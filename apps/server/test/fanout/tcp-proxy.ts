import { once } from 'node:events';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/**
 * A TCP relay in front of the shared NATS server. Cutting it looks to a client exactly like a NATS restart,
 * without disturbing other test runs on the same server or needing the nats-server binary in CI.
 */
export class TcpProxy implements AsyncDisposable {
  readonly #target: Readonly<{ host: string; port: number }>;
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;
  #port = 0;

  private constructor(target: Readonly<{ host: string; port: number }>) {
    this.#target = target;
  }

  /** Starts relaying from a free local port to the host and port of `natsUrl`. */
  static async start(natsUrl: string): Promise<TcpProxy> {
    const url = new URL(natsUrl);
    const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || '4222') });
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
      client.pipe(upstream);
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
