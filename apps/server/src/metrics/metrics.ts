import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What the gauges read when scraped; each is cheap and touches no message, name or address. */
export type MetricSources = Readonly<{
  connections: () => number;
  fanout: () => 'ok' | 'down' | 'in-process';
  /** The transparency log's latest checkpoint: its size and when it was signed. */
  logHead: () => Promise<Readonly<{ size: number; signedAt: Date }> | undefined>;
}>;

/**
 * The server's Prometheus metrics, in a registry of its own (so several servers in one process, as in
 * tests, do not collide). Labels are only fixed vocabularies: event names, error codes, route templates.
 * Never an id, a username, an address or anything a member wrote.
 */
export class Metrics {
  readonly registry = new Registry();
  /** Every log event by name: sweeps, sequencer runs, disconnects, storage faults. */
  readonly events = new Counter({
    name: 'parley_events_total',
    help: 'Log events by name (sweeps, sequencer runs, fan-out and database faults).',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });
  /** Every refusal by protocol error code, over HTTP and WebSocket: failed sign-ins are `invalid_*`. */
  readonly refusals = new Counter({
    name: 'parley_refusals_total',
    help: 'Requests and frames refused, by protocol error code (failed sign-ins are invalid_credentials and invalid_signature).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly messagesStored = new Counter({
    name: 'parley_messages_stored_total',
    help: 'Application messages stored (and acknowledged to their sender).',
    registers: [this.registry],
  });
  readonly sendBatch = new Histogram({
    name: 'parley_send_batch_size',
    help: 'Sends written to the database in one statement.',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
    registers: [this.registry],
  });
  readonly sendSeconds = new Histogram({
    name: 'parley_send_duration_seconds',
    help: 'From a send reaching the message store to its acknowledgement (stored), in seconds.',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly framesOut = new Counter({
    name: 'parley_ws_frames_sent_total',
    help: 'WebSocket frames sent to devices (deliveries, acknowledgements, errors).',
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'parley_' });
    new Gauge({
      name: 'parley_ws_connections',
      help: 'Open WebSocket connections on this process.',
      registers,
      collect() {
        this.set(sources.connections());
      },
    });
    new Gauge({
      name: 'parley_fanout_up',
      help: '1 while this process is connected to NATS (or runs alone), 0 while it is not.',
      registers,
      collect() {
        this.set(sources.fanout() === 'down' ? 0 : 1);
      },
    });
    const logSize = new Gauge({
      name: 'parley_log_size',
      help: 'Entries in the latest signed checkpoint.',
      registers,
    });
    new Gauge({
      name: 'parley_log_checkpoint_age_seconds',
      help: 'Seconds since the latest checkpoint was signed.',
      registers,
      async collect() {
        const head = await sources.logHead();
        logSize.set(head?.size ?? 0);
        this.set(head ? (Date.now() - head.signedAt.getTime()) / 1000 : 0);
      },
    });
  }
}
