import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.ts';

const binary = '/usr/sbin/nats-server';

/**
 * A NATS server of a test's own (Debian's nats-server, as CI's machine runs it), so the test can kill and
 * restart it by pid without touching the shared server that other tests use at the same time.
 */
export class NatsProcess implements AsyncDisposable {
  readonly port: number;
  #child: ChildProcess | undefined;

  private constructor(port: number) {
    this.port = port;
  }

  static async start(): Promise<NatsProcess> {
    const nats = new NatsProcess(await freePort());
    await nats.restart();
    return nats;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  /** Starts the server on the same port and waits until it accepts connections. */
  async restart(): Promise<void> {
    if (this.#child) throw new Error('nats-server is already running');
    const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(this.port)], { stdio: 'ignore' });
    let failure: Error | undefined;
    child.once('error', (error) => {
      failure = error;
    });
    this.#child = child;
    for (let attempt = 0; attempt < 100; attempt++) {
      if (failure) throw new Error(`cannot start ${binary}: ${failure.message}`);
      if (await accepts(this.port)) return;
      await sleep(50);
    }
    throw new Error(`${binary} did not start on port ${this.port}`);
  }

  /** Kills the server by its pid, as a crash or an operator's `kill -9` would. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.kill('SIGTERM');
  }
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
