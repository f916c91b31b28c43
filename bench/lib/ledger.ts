import { nowMs, type PayloadHeader } from './payload.ts';
import { type LatencySummary, summarize } from './stats.ts';

/** What one receiver saw of one sender's stream. */
type StreamTrack = { highest: number; seen: Set<number> };
type SenderTrack = { durable: Set<number>; receivers: Map<number, StreamTrack> };

/** The devices that should receive what `sender` sends: its pair partner unless a scenario says otherwise. */
export type Audience = (sender: number) => readonly number[];
const partner: Audience = (sender) => [sender ^ 1];

/** What one scenario measured about correctness and latency, as the generator reports it. */
export type LedgerReport = Readonly<{
  attempted: number;
  durable: number;
  errors: Readonly<Record<string, number>>;
  unanswered: number;
  delivered: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  sendersOutOfOrder: number;
  stale: number;
  ownEchoes: number;
  latencyMs: LatencySummary;
  persistLatencyMs: LatencySummary;
}>;

/**
 * Everything one scenario sent and received. A message is durable once the server answered `sent`; it is
 * lost if it was durable and some member of its audience never got it, duplicated if a receiver got it
 * twice, out of order if it arrived after a later message of the same sender at the same receiver. Payloads
 * from other scenarios are counted as stale and ignored. `delivered` counts deliveries (one per receiver).
 */
export class Ledger {
  readonly scenario: number;
  readonly #audience: Audience;
  /** Receivers still to get each message, for `onComplete` (closed loops that wait for delivery). */
  readonly #remaining = new Map<string, number>();
  /** Called once a message has reached its whole audience, with its sender. */
  onComplete: ((sender: number) => void) | undefined;
  readonly #senders = new Map<number, SenderTrack>();
  readonly #latencies: number[] = [];
  readonly #persistLatencies: number[] = [];
  readonly #errors: Record<string, number> = {};
  readonly #sentAt = new Map<string, number>();
  attempted = 0;
  durable = 0;
  /** Deliveries the durable messages owe: durable × audience size. */
  expected = 0;
  delivered = 0;
  duplicated = 0;
  outOfOrder = 0;
  stale = 0;
  ownEchoes = 0;
  /** Receivers whose deliveries count for loss, duplication and order but not for latency (S7's slow ones). */
  untimed: ReadonlySet<number> = new Set();
  /** Deliveries owed to, and made to, `untimed` receivers. */
  untimedExpected = 0;
  untimedDelivered = 0;
  /** Called with the latency of every timed delivery (S6 groups them by minute). */
  onLatency: ((latencyMs: number) => void) | undefined;

  constructor(scenario: number, audience: Audience = partner) {
    this.scenario = scenario;
    this.#audience = audience;
  }

  get outstanding(): number {
    return this.#sentAt.size;
  }

  #track(sender: number): SenderTrack {
    let track = this.#senders.get(sender);
    if (!track) {
      track = { durable: new Set(), receivers: new Map() };
      this.#senders.set(sender, track);
    }
    return track;
  }

  attempt(id: string, at: number): void {
    this.attempted += 1;
    this.#sentAt.set(id, at);
    // Counted from the attempt: on Parley the other members may receive a message before its `sent` answer.
    if (this.onComplete) {
      const [, sender] = id.split('-').map(Number);
      if (sender !== undefined)
        this.#remaining.set(id.slice(id.indexOf('-') + 1), this.#audience(sender).length);
    }
  }

  /**
   * The server stored the send with this client id (`<scenario>-<sender>-<counter>`) at `at`; without `at`
   * (XMPP has no such answer) the send counts as accepted with no persist latency.
   */
  acknowledged(id: string, at?: number): void {
    const started = this.#sentAt.get(id);
    if (started === undefined) return;
    this.#sentAt.delete(id);
    this.durable += 1;
    if (at !== undefined) this.#persistLatencies.push(at - started);
    const [, sender, counter] = id.split('-').map(Number);
    if (sender === undefined || counter === undefined) return;
    this.#track(sender).durable.add(counter);
    const audience = this.#audience(sender);
    this.expected += audience.length;
    if (this.untimed.size > 0) this.untimedExpected += audience.filter((r) => this.untimed.has(r)).length;
  }

  failed(id: string | undefined, code: string): void {
    this.#errors[code] = (this.#errors[code] ?? 0) + 1;
    if (id !== undefined) this.#sentAt.delete(id);
  }

  /**
   * A delivery to device `receiver`. The server cannot tell a device's own sends from others' (it never
   * records the sender), so after a reconnect a device gets back its own sends past its last ack: counted
   * apart, since a real client recognises and drops them.
   */
  received(header: PayloadHeader, receiver: number): void {
    if (header.sender === receiver) {
      this.ownEchoes += 1;
      return;
    }
    if (header.scenario !== this.scenario) {
      this.stale += 1;
      return;
    }
    const receivers = this.#track(header.sender).receivers;
    let track = receivers.get(receiver);
    if (!track) {
      track = { highest: -1, seen: new Set() };
      receivers.set(receiver, track);
    }
    if (track.seen.has(header.counter)) {
      this.duplicated += 1;
      return;
    }
    track.seen.add(header.counter);
    this.delivered += 1;
    if (this.untimed.has(receiver)) this.untimedDelivered += 1;
    else {
      const latency = nowMs() - header.sentAt;
      this.#latencies.push(latency);
      this.onLatency?.(latency);
    }
    if (header.counter < track.highest) this.outOfOrder += 1;
    else track.highest = header.counter;
    if (this.onComplete) this.#completeOne(header.sender, header.counter);
  }

  #completeOne(sender: number, counter: number): void {
    const key = `${sender}-${counter}`;
    const remaining = this.#remaining.get(key);
    if (remaining === undefined) return;
    const left = remaining - 1;
    if (left > 0) {
      this.#remaining.set(key, left);
      return;
    }
    this.#remaining.delete(key);
    this.onComplete?.(sender);
  }

  /** Every durable message has arrived and no send is waiting for its answer. */
  get settled(): boolean {
    return this.#sentAt.size === 0 && this.delivered >= this.expected;
  }

  report(): LedgerReport {
    let lost = 0;
    let sendersOutOfOrder = 0;
    for (const [sender, track] of this.#senders) {
      for (const receiver of this.#audience(sender)) {
        const seen = track.receivers.get(receiver)?.seen ?? new Set<number>();
        for (const counter of track.durable) if (!seen.has(counter)) lost += 1;
        if (!ascending(seen)) sendersOutOfOrder += 1;
      }
    }
    return {
      attempted: this.attempted,
      durable: this.durable,
      errors: { ...this.#errors },
      unanswered: this.#sentAt.size,
      delivered: this.delivered,
      lost,
      duplicated: this.duplicated,
      outOfOrder: this.outOfOrder,
      sendersOutOfOrder,
      stale: this.stale,
      ownEchoes: this.ownEchoes,
      latencyMs: summarize(this.#latencies),
      persistLatencyMs: summarize(this.#persistLatencies),
    };
  }
}

/** True when the values (a Set iterates in arrival order) never go down. */
function ascending(values: Iterable<number>): boolean {
  let previous = -1;
  for (const value of values) {
    if (value < previous) return false;
    previous = value;
  }
  return true;
}
