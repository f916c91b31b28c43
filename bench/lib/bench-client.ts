import { WebSocket } from 'ws';
import { readFrame } from './frames.ts';
import { sourceAddress } from './http-json.ts';
import type { Ledger } from './ledger.ts';
import { FrameBudget, type LoadClient } from './load-client.ts';
import type { Device } from './parley-setup.ts';
import { decodeHeader, nowMs, PayloadWriter } from './payload.ts';

/** Acknowledgements are cumulative; one every 50 ms per group is what a client would do under load. */
const ackEveryMs = 50;
const connectTimeoutMs = 30_000;

/** Holds the scenario currently being measured, so every client reports into the same ledger. */
export type LedgerRef = { current: Ledger };

/** One simulated device on one WebSocket: sends under a frame budget, records deliveries, acks them. */
export class BenchClient implements LoadClient {
  readonly device: Device;
  readonly #ledgers: LedgerRef;
  #wsUrl: string;
  #writer: PayloadWriter;
  #ws: WebSocket | undefined;
  readonly #budget = new FrameBudget();
  /** The group sends go to; acks are per group, so the highest seq is kept per group too. */
  #groupId: string;
  #ackedSeq = new Map<string, number>();
  #highestSeq = new Map<string, number>();
  #ackTimer: NodeJS.Timeout | undefined;
  #counter = 0;
  outstanding = 0;
  #closing = false;
  /** The close code when the server closed this socket without being asked to (slow consumer, limits). */
  droppedWith: number | undefined;
  /** Called whenever a send is answered, so a closed-loop sender can send the next one. */
  onAnswer: (() => void) | undefined;
  /** Called when a synced connection closes unasked (a killed node): S5 reconnects from here. */
  onDropped: ((code: number) => void) | undefined;
  /** Sends not yet answered, by id: resent in order after a reconnect, as a client's outbox would. */
  readonly #unanswered = new Map<string, string>();
  /** Highest seq per group received on earlier connections: a catch-up resends what was not yet acked. */
  #seenBefore = new Map<string, number>();
  #synced = false;
  /** Deliveries dropped because an earlier connection already delivered that (group, seq). */
  redelivered = 0;
  /** Unanswered sends sent again after a reconnect. */
  retried = 0;

  constructor(device: Device, ledgers: LedgerRef, wsUrl: string) {
    this.device = device;
    this.#ledgers = ledgers;
    this.#wsUrl = wsUrl;
    this.#groupId = device.groupId;
    this.#writer = new PayloadWriter(device.index);
  }

  get index(): number {
    return this.device.index;
  }

  sendTo(groupId: string): void {
    this.#groupId = groupId;
  }

  setPayloadBytes(bytes: number): void {
    this.#writer = new PayloadWriter(this.device.index, bytes);
  }

  /** Parley answers every send with `sent`; delivery needs no bookkeeping here. */
  completed(): void {}

  get connected(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  /** The current socket, for S7 to stop reading it as a stuck client would. */
  get socket(): WebSocket | undefined {
    return this.#ws;
  }

  /** Where the next connect() goes (S5 moves devices between nodes). */
  retarget(wsUrl: string): void {
    this.#wsUrl = wsUrl;
  }

  /** Opens the socket, authenticates, and resolves once the server says the backlog has been sent. */
  connect(): Promise<void> {
    this.#closing = false;
    this.#synced = false;
    this.#seenBefore = new Map(this.#highestSeq);
    const ws = new WebSocket(this.#wsUrl, {
      localAddress: sourceAddress(this.device.index),
      perMessageDeflate: false,
    });
    this.#ws = ws;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('connect timed out')), connectTimeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      ws.on('error', fail);
      ws.once('close', (code) => {
        const wasSynced = this.#synced;
        this.#synced = false;
        if (!this.#closing) this.droppedWith = code;
        if (!this.#closing && wasSynced) this.onDropped?.(code);
        fail(new Error(`closed with ${code} before synced`));
      });
      ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token: this.device.token })));
      ws.on('message', (data: Buffer) => {
        if (this.#onFrame(data.toString('utf8'))) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }

  /** Handles one frame; true when it is `synced`. */
  #onFrame(data: string): boolean {
    const frame = readFrame(data);
    const ledger = this.#ledgers.current;
    switch (frame.type) {
      case 'message': {
        // A real client drops a (group, seq) it already has; only redeliveries across connections are dropped,
        // so a duplicate within one connection still reaches the ledger.
        if (frame.seq <= (this.#seenBefore.get(frame.groupId) ?? 0)) {
          this.redelivered += 1;
          return false;
        }
        const header = frame.kind === 'application' ? decodeHeader(frame.payload) : null;
        if (header) ledger.received(header, this.device.index);
        this.#highestSeq.set(frame.groupId, Math.max(this.#highestSeq.get(frame.groupId) ?? 0, frame.seq));
        this.#ackTimer ??= setTimeout(() => this.#ack(), ackEveryMs);
        return false;
      }
      case 'sent':
        this.#unanswered.delete(frame.id);
        this.outstanding -= 1;
        ledger.acknowledged(frame.id, nowMs());
        this.onAnswer?.();
        return false;
      case 'error':
        if (frame.id !== undefined) {
          this.#unanswered.delete(frame.id);
          this.outstanding -= 1;
        }
        ledger.failed(frame.id, frame.code);
        this.onAnswer?.();
        return false;
      case 'synced':
        this.#synced = true;
        this.#resendUnanswered();
        return true;
      default:
        return false;
    }
  }

  /** Groups with deliveries past their last ack. */
  #unacked(): [string, number][] {
    return [...this.#highestSeq].filter(([group, seq]) => seq > (this.#ackedSeq.get(group) ?? 0));
  }

  /** The server deduplicates by client id, so a send stored before the drop keeps its first seq. */
  #resendUnanswered(): void {
    for (const frame of this.#unanswered.values()) {
      this.retried += 1;
      this.#ws?.send(frame);
    }
  }

  #ack(): void {
    this.#ackTimer = undefined;
    if (!this.connected) return;
    for (const [groupId, seq] of this.#unacked()) {
      if (!this.#budget.take()) {
        this.#ackTimer = setTimeout(() => this.#ack(), ackEveryMs);
        return;
      }
      this.#ackedSeq.set(groupId, seq);
      this.#ws?.send(JSON.stringify({ type: 'ack', groupId, seq }));
    }
  }

  /**
   * Sends the next message of this sender, stamped with the time it was meant to leave (`intendedAt`, so a
   * stalled generator shows as latency instead of hiding it). False when the frame budget is spent.
   */
  send(intendedAt: number): boolean {
    const ws = this.#ws;
    // Not before `synced`: the server closes a connection that sends before its auth completes.
    if (!ws || ws.readyState !== WebSocket.OPEN || !this.#synced || !this.#budget.take()) return false;
    const ledger = this.#ledgers.current;
    const counter = this.#counter++;
    const id = `${ledger.scenario}-${this.device.index}-${counter}`;
    const payload = this.#writer.encode(ledger.scenario, counter, intendedAt);
    ledger.attempt(id, intendedAt);
    this.outstanding += 1;
    const frame = JSON.stringify({ type: 'send', id, groupId: this.#groupId, payload });
    this.#unanswered.set(id, frame);
    ws.send(frame);
    return true;
  }

  /** Starts counting from zero again: each scenario's ledger checks order from the first counter. */
  resetCounter(): void {
    this.#counter = 0;
    this.outstanding = 0;
    this.#unanswered.clear();
  }

  /** Sends the final cumulative ack (so the server's cursor is current) and closes the socket. */
  async close(): Promise<void> {
    if (this.#ackTimer) clearTimeout(this.#ackTimer);
    this.#ackTimer = undefined;
    this.#closing = true;
    const ws = this.#ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    if (ws.readyState === WebSocket.OPEN) {
      for (const [groupId, seq] of this.#unacked()) {
        this.#ackedSeq.set(groupId, seq);
        ws.send(JSON.stringify({ type: 'ack', groupId, seq }));
      }
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 5000);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close();
    });
  }
}
