/**
 * Rules every fan-out adapter enforces identically, so code that works against the in-process bus in tests
 * cannot start failing when it meets NATS in production.
 */

/** NATS' default `max_payload`; fan-out carries ciphertext envelopes far smaller than this. */
export const maxFanoutPayloadBytes = 1024 * 1024;

/** Letters, digits, `-` and `_` in dot-separated tokens: never a NATS wildcard (`*`, `>`) or whitespace. */
const topicPattern = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

/** Receives errors that must not reach the publisher: a throwing handler, a NATS async error. */
export type FanoutErrorHandler = (error: unknown, topic: string | undefined) => void;

/** Thrown for a topic that is not a valid NATS subject suffix; a wildcard would widen a subscription. */
export class InvalidTopicError extends Error {
  override readonly name = 'InvalidTopicError';
  constructor(topic: string) {
    // The topic names an id (group, device, account), never message content, so it may be shown.
    super(`invalid fan-out topic ${JSON.stringify(topic)}`);
  }
}

/** Thrown by `publish` when a payload exceeds {@link maxFanoutPayloadBytes}. */
export class FanoutPayloadTooLargeError extends Error {
  override readonly name = 'FanoutPayloadTooLargeError';
  constructor(byteLength: number) {
    super(`fan-out payload of ${byteLength} bytes exceeds ${maxFanoutPayloadBytes}`);
  }
}

/** Rejected by `subscribe` after the fan-out was disposed. */
export class FanoutClosedError extends Error {
  override readonly name = 'FanoutClosedError';
  constructor() {
    super('fan-out is disposed');
  }
}

/** Throws unless `topic` is a valid topic name. */
export function checkTopic(topic: string): void {
  if (!topicPattern.test(topic)) throw new InvalidTopicError(topic);
}

/** Throws unless `topic` and `data` may be published. */
export function checkPublication(topic: string, data: Uint8Array): void {
  checkTopic(topic);
  if (data.byteLength > maxFanoutPayloadBytes) throw new FanoutPayloadTooLargeError(data.byteLength);
}

/** Used when the caller gives no handler: an error is never swallowed silently, and never prints a body. */
export const reportToConsole: FanoutErrorHandler = (error, topic) => {
  console.error(`fan-out error${topic === undefined ? '' : ` on topic ${topic}`}:`, error);
};
