import type { GroupMessage } from '@parley/protocol';
import { type Fanout, topics } from './fanout/fanout.ts';
import { encodeEnvelope, serializeFrame } from './gateway/envelope.ts';

export type MessageRouting = Readonly<{
  audience: readonly string[] | null;
  exclude: string | null;
  adds: readonly string[];
  removes: readonly string[];
}>;

/** Tells connected devices, in whichever process they are, about what services just committed. */
export class Notifier {
  readonly #fanout: Fanout;
  readonly #contactDevices: (username: string) => Promise<string[]>;

  constructor(fanout: Fanout, contactDevices: (username: string) => Promise<string[]>) {
    this.#fanout = fanout;
    this.#contactDevices = contactDevices;
  }

  /** Call after the message's transaction has committed. */
  messageStored(message: GroupMessage, routing: MessageRouting): void {
    const frame = serializeFrame({ type: 'message', message });
    this.#fanout.publish(
      topics.group(message.groupId),
      encodeEnvelope({ t: 'message', groupId: message.groupId, seq: message.seq, ...routing, frame }),
    );
  }

  /** Devices just added to a group, possibly connected to a process not yet following the group. */
  joined(groupId: string, deviceIds: readonly string[]): void {
    for (const id of deviceIds)
      this.#fanout.publish(topics.device(id), encodeEnvelope({ t: 'joined', groupId }));
  }

  /** The account's other devices may now add this one to their conversations. */
  keyPackagesPublished(username: string, deviceId: string): void {
    const frame = serializeFrame({ type: 'key-packages-published', deviceId });
    this.#fanout.publish(topics.account(username), encodeEnvelope({ t: 'frame', frame }));
  }

  /** Call after the notice's transaction has committed: the devices fetch it from `GET /v1/me/notices`. */
  noticeIssued(username: string, id: string): void {
    const frame = serializeFrame({ type: 'notice', id });
    this.#fanout.publish(topics.account(username), encodeEnvelope({ t: 'frame', frame }));
  }

  /** The account's own devices and every device sharing a group with it learn of the change. */
  async deviceListChanged(username: string, removed: readonly string[]): Promise<void> {
    const envelope = encodeEnvelope({
      t: 'frame',
      frame: serializeFrame({ type: 'device-list-changed', username }),
    });
    this.#fanout.publish(topics.account(username), envelope);
    for (const id of await this.#contactDevices(username)) this.#fanout.publish(topics.device(id), envelope);
    for (const id of removed) this.#fanout.publish(topics.device(id), encodeEnvelope({ t: 'revoked' }));
  }
}
