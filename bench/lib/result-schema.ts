import { z } from 'zod';

/** JSON turns NaN (no samples) into null. */
const ms = z.number().nullable();
const Latency = z.object({ p50: ms, p99: ms, max: ms, count: z.number() });

/** The generator's result line, checked by the runner before it trusts any number in it. */
export const ScenarioResult = z.object({
  scenario: z.string(),
  phases: z.record(
    z.string(),
    z.object({ seconds: z.number(), messages: z.number(), perSecond: z.number() }),
  ),
  ledger: z.object({
    attempted: z.number(),
    durable: z.number(),
    errors: z.record(z.string(), z.number()),
    unanswered: z.number(),
    delivered: z.number(),
    lost: z.number(),
    duplicated: z.number(),
    outOfOrder: z.number(),
    sendersOutOfOrder: z.number(),
    stale: z.number(),
    ownEchoes: z.number(),
    latencyMs: Latency,
    persistLatencyMs: Latency,
  }),
  skipped: z.number(),
  late: z.number(),
  dropped: z.number(),
  generatorCpuMs: z.number(),
  /** Scenario-specific counts (S4: connections held, refused with server_busy, …). */
  counts: z.record(z.string(), z.number()).optional(),
});
export type ScenarioResult = z.infer<typeof ScenarioResult>;

export const GeneratorResult = z.object({
  event: z.literal('result'),
  target: z.enum(['parley', 'relay', 'xmpp']),
  devices: z.number(),
  results: z.array(ScenarioResult),
});
export type GeneratorResult = z.infer<typeof GeneratorResult>;
