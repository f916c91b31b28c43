/** Records what a handler receives and lets a test wait for a count, failing with what did arrive. */
export type Collector = Readonly<{
  handler: (data: Uint8Array) => void;
  received: Uint8Array[];
  until: (count: number, timeoutMs?: number) => Promise<void>;
}>;

/** A handler that records every delivery. */
export function collector(): Collector {
  const received: Uint8Array[] = [];
  const waiters = new Set<() => void>();
  return {
    received,
    handler: (data) => {
      received.push(data);
      for (const wake of waiters) wake();
    },
    until: (count, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`received ${received.length} of ${count} messages within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
  };
}

/** Big-endian u32 payloads, so order can be checked after the trip. */
export function u32(value: number, prefix: readonly number[] = []): Uint8Array {
  const bytes = new Uint8Array(prefix.length + 4);
  bytes.set(prefix);
  new DataView(bytes.buffer).setUint32(prefix.length, value);
  return bytes;
}

/** Reads a payload written by {@link u32}. */
export function readU32(bytes: Uint8Array, offset = 0): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);
}
