/**
 * The fan-out port: carries freshly stored messages and events to whichever server process holds the
 * recipient's WebSocket. The database stays the source of truth; fan-out is best effort and a device that
 * misses a publication catches up from its cursor.
 */
export interface Fanout extends AsyncDisposable {
  /**
   * Delivers `data` to every subscriber of `topic` in every process sharing this fan-out, this one included.
   * Publications from one process to one topic arrive in the order they were published.
   */
  publish(topic: string, data: Uint8Array): void;
  /**
   * Resolves once publications made after it will reach `handler`; while the shared bus is down, at once (the
   * subscription takes effect when it is back, which `onConnectivity` announces).
   */
  subscribe(topic: string, handler: (data: Uint8Array) => void): Promise<FanoutSubscription>;
  /**
   * Tells `listener` when this process loses the shared bus (`false`) and has it back with every subscription
   * registered again (`true`). Publications made meanwhile may never arrive (NATS core keeps nothing), so
   * whoever delivers them catches up from the database then. The in-process bus never calls it.
   */
  onConnectivity(listener: (connected: boolean) => void): void;
  /** For readiness: connected to the shared bus, disconnected from it, or in this process only. */
  readiness(): 'ok' | 'down' | 'in-process';
}

export interface FanoutSubscription {
  unsubscribe(): void;
}

/** Topic names: letters, digits, `-`, `_` and `.` as separator (NATS subject tokens). */
export const topics = {
  group: (groupId: string) => `g.${groupId}`,
  device: (deviceId: string) => `d.${deviceId}`,
  // Usernames may hold `.`, which NATS reads as a token separator (`bob.` would not even be a valid subject),
  // and mapping it to another allowed character could merge two accounts' topics; hex is injective.
  account: (username: string) => `a.${hexOf(username)}`,
} as const;

function hexOf(text: string): string {
  return Array.from(new TextEncoder().encode(text), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
