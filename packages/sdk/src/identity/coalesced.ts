/**
 * Wraps a check so callers never run it twice at once: a call during a run asks for one more run after it,
 * and every caller's promise resolves when the runs end. The promise never rejects.
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await task().catch(() => undefined);
      } while (again);
      running = undefined;
    })();
    return running;
  };
}
