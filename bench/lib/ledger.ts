import { nowMs, type PayloadHeader } from './payload.ts';
import { type LatencySummary, summarize } from './stats.ts';

type SenderTrack = { highest: number; seen: Set<number>; durable: Set<number> };

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
 * lost if it was durable and never delivered, duplicated if delivered twice, out of order if it arrived
 * after a later message of the same sender. Payloads from other scenarios are counted as stale and ignored.
 */
export class Ledger {
  readonly scenario: number;
  readonly #senders = new Map<number, SenderTrack>();
  readonly #latencies: number[] = [];
  readonly #persistLatencies: number[] = [];
  readonly #errors: Record<string, number> = {};
  readonly #sentAt = new Map<string, number>();
  attempted = 0;
  durable = 0;
  delivered = 0;
  duplicated = 0;
  outOfOrder = 0;
  stale = 0;
  ownEchoes = 0;

  constructor(scenario: number) {
    this.scenario = scenario;
  }

  get outstanding(): number {
    return this.#sentAt.size;
  }

  #track(sender: number): SenderTrack {
    let track = this.#senders.get(sender);
    if (!track) {
      track = { highest: -1, seen: new Set(), durable: new Set() };
      this.#senders.set(sender, track);
    }
    return track;
  }

  attempt(id: string, at: number): void {
    this.attempted += 1;
    this.#sentAt.set(id, at);
  }

  /** The server stored the send with this client id (`<scenario>-<sender>-<counter>`). */
  acknowledged(id: string, at: number): void {
    const started = this.#sentAt.get(id);
    if (started === undefined) return;
    this.#sentAt.delete(id);
    this.durable += 1;
    this.#persistLatencies.push(at - started);
    const [, sender, counter] = id.split('-').map(Number);
    if (sender !== undefined && counter !== undefined) this.#track(sender).durable.add(counter);
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
    const track = this.#track(header.sender);
    if (track.seen.has(header.counter)) {
      this.duplicated += 1;
      return;
    }
    track.seen.add(header.counter);
    this.delivered += 1;
    this.#latencies.push(nowMs() - header.sentAt);
    if (header.counter < track.highest) this.outOfOrder += 1;
    else track.highest = header.counter;
  }

  /** Every durable message has arrived and no send is waiting for its answer. */
  get settled(): boolean {
    return this.#sentAt.size === 0 && this.delivered >= this.durable;
  }

  report(): LedgerReport {
    let lost = 0;
    let sendersOutOfOrder = 0;
    for (const track of this.#senders.values()) {
      for (const counter of track.durable) if (!track.seen.has(counter)) lost += 1;
      if (!ascending(track.seen)) sendersOutOfOrder += 1;
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
