import type { EventOf, ParleyClient, ParleyEventType } from '@parley/sdk';

/**
 * Resolves with the first matching event. Call it before the action that causes the event, so the event
 * cannot slip past; it rejects after `timeoutMs` with a message naming what was awaited.
 */
export function nextEvent<T extends ParleyEventType>(
  client: ParleyClient,
  type: T,
  matches: (event: EventOf<T>) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<EventOf<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${type} on ${client.username}`));
    }, timeoutMs);
    const off = client.on(type, (event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

/** Polls until `check` returns true (for state that has no event), failing after `timeoutMs`. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
