/** Capped exponential backoff with full jitter, so many clients reconnecting at once spread out. */
export type BackoffPolicy = Readonly<{ baseMs: number; capMs: number }>;

export const defaultBackoff: BackoffPolicy = { baseMs: 250, capMs: 15_000 };

/** Delay before retry number `attempt` (0-based): uniform in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
