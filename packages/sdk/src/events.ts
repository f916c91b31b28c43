import type { KtProblem } from './identity/key-transparency.ts';
import type { KtState } from './identity/kt-state.ts';
import type { OwnAccountProblem } from './identity/own-account-monitor.ts';
import type { ChatMessage, DeviceRef } from './messaging/conversation-records.ts';
import type { PendingMessage } from './messaging/outbox.ts';
import type { SocketState } from './transport/session-socket.ts';

/** Everything the client tells the app about. */
export type ParleyEvent =
  | Readonly<{ type: 'message'; message: ChatMessage }>
  | Readonly<{ type: 'conversation-joined'; conversationId: string }>
  | Readonly<{ type: 'conversation-renamed'; conversationId: string; name: string }>
  | Readonly<{ type: 'members-changed'; conversationId: string; added: DeviceRef[]; removed: DeviceRef[] }>
  | Readonly<{ type: 'removed-from-conversation'; conversationId: string }>
  | Readonly<{ type: 'device-added'; username: string; deviceId: string }>
  | Readonly<{
      type: 'security-alert';
      problem:
        | 'unauthorized-member'
        | 'key-package-substituted'
        | 'message-from-removed-device'
        | 'link-account-mismatch'
        | 'unprocessable-commit'
        | 'unauthorized-commit'
        | 'account-key-changed'
        | 'invalid-device-list'
        | 'device-list-rollback'
        | KtProblem
        | OwnAccountProblem;
      username?: string;
      conversationId?: string;
    }>
  /** A contact's standing against the key directory was checked: verified, pending or refused. */
  | Readonly<{ type: 'key-transparency'; username: string; state: KtState }>
  | Readonly<{ type: 'undecryptable'; conversationId: string; seq: number }>
  | Readonly<{ type: 'connection'; state: SocketState }>
  /** A message from the outbox reached the server: it is now `message` in the history. */
  | Readonly<{ type: 'sent'; pendingId: string; message: ChatMessage }>
  /** The server refused a message from the outbox for good; it was dropped, and `reason` says why. */
  | Readonly<{ type: 'unsent'; pending: PendingMessage; reason: string }>
  /** A government-request notice for this account is waiting: read it with `notices()`. */
  | Readonly<{ type: 'notice'; id: string }>
  /** Every message stored for this device when it connected has been processed. */
  | Readonly<{ type: 'synced' }>;

export type ParleyEventType = ParleyEvent['type'];

/** What a security alert means, in the words the apps show the user. */
export function describeSecurityAlert(event: EventOf<'security-alert'>): string {
  const who = event.username ?? 'an account';
  switch (event.problem) {
    case 'account-key-changed':
      return `The server served a different account key for ${who}. Parley refused it.`;
    case 'device-list-rollback':
      return `The server served an older device list for ${who}. Parley kept the newer one.`;
    case 'key-package-substituted':
      return `The server offered a key for ${who} that belongs to someone else. Parley refused to add it.`;
    case 'message-from-removed-device':
      return `A device that ${who} removed tried to write in a conversation. Parley hid it and is removing the device.`;
    case 'link-account-mismatch':
      return `The server served an account key for ${who} that does not match the code on your other device. This device trusted nothing; do not continue linking through this server.`;
    case 'unprocessable-commit':
      return 'A member sent a change to a conversation that could not be processed, and this device could not rejoin it. Nobody was added. Start a new conversation with the same people.';
    case 'unauthorized-commit':
      return `${event.username ?? 'A member'} removed someone or changed the admins without being an admin, and the server let it through. Parley refused the change; this conversation is stopped.`;
    case 'unauthorized-member':
      return 'A device that its account never signed for was added to a conversation. Parley refused it.';
    case 'invalid-device-list':
      return `The device list of ${who} did not verify. Parley refused it.`;
    case 'kt-proof-missing':
      return `The server gave no key-transparency proof for the keys of ${who}. Parley refused them.`;
    case 'kt-proof-invalid':
      return `The key-transparency proof for ${who} did not verify. Parley refused the keys.`;
    case 'kt-fork':
      return `The server's key directory no longer extends the one this device saw before: it rewrote its history. Parley refused the keys of ${who}.`;
    case 'kt-unwitnessed':
      return `The server's key directory showed keys for ${who} that the witnesses have not confirmed everyone sees. Parley refused them until they do.`;
    case 'kt-mismatch':
      return `The server showed keys for ${who} that its public key directory does not hold. Parley refused them.`;
    case 'kt-own-account-key':
      return 'The public key directory shows another account key for your own account. Someone may be impersonating you: check your devices now.';
    case 'kt-own-device-list':
      return 'The public key directory shows a device list for your account that you did not sign. Someone may be adding a device to your account: check your devices now.';
  }
}

/** A contact's key-transparency state in the words the apps show the user. */
export function describeKtState(username: string, state: KtState | undefined): string {
  if (state === undefined)
    return `The keys of ${username} have not been checked against the key directory yet.`;
  switch (state.status) {
    case 'verified':
      return `Verified by key transparency at epoch ${state.epoch}: the keys of ${username} are the ones the public key directory holds.`;
    case 'pending':
      return `Pending: ${username} has a device list newer than the key directory's epoch ${state.epoch}; it is checked again when the next epoch is published.`;
    case 'refused':
      return `Refused (${state.problem}): ${describeSecurityAlert({ type: 'security-alert', problem: state.problem, username })}`;
  }
}

export type EventOf<T extends ParleyEventType> = Extract<ParleyEvent, { type: T }>;

/** Fan-out of events to `on` handlers and to any number of async iterators, each with its own buffer. */
export class EventHub {
  readonly #handlers = new Set<(event: ParleyEvent) => void>();

  emit(event: ParleyEvent): void {
    for (const handler of [...this.#handlers]) {
      try {
        handler(event);
      } catch {
        // A failing app handler must not stop delivery to the others or break message processing.
      }
    }
  }

  on<T extends ParleyEventType>(type: T, handler: (event: EventOf<T>) => void): () => void {
    const wrapped = (event: ParleyEvent) => {
      if (isType(event, type)) handler(event);
    };
    this.#handlers.add(wrapped);
    return () => this.#handlers.delete(wrapped);
  }

  /** Every event from now on, until the iterator is returned. */
  stream(): AsyncIterableIterator<ParleyEvent> {
    const buffer: ParleyEvent[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const handler = (event: ParleyEvent) => {
      buffer.push(event);
      wake?.();
    };
    this.#handlers.add(handler);
    const iterator: AsyncIterableIterator<ParleyEvent> = {
      next: async () => {
        while (buffer.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
        const value = buffer.shift();
        return value === undefined ? { done: true, value: undefined } : { done: false, value };
      },
      return: async () => {
        done = true;
        this.#handlers.delete(handler);
        wake?.();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}

function isType<T extends ParleyEventType>(event: ParleyEvent, type: T): event is EventOf<T> {
  return event.type === type;
}
