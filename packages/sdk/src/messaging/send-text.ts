import { excerpt, reactionFallback } from './chat-message.ts';
import type { ChatMessage, ConversationRecords, DeviceRef } from './conversation-records.ts';
import type { GroupEngine } from './group-engine.ts';
import type { PendingMessage } from './outbox.ts';
import { isEmoji, type ReplyRef } from './payload.ts';

/** Encrypts a text message under its client id and posts it; the history keeps it once the server took it. */
export function sendText(
  engine: GroupEngine,
  records: ConversationRecords,
  self: DeviceRef,
  pending: PendingMessage,
): Promise<ChatMessage> {
  const { conversationId, text, sentAt, id, replyTo } = pending;
  return engine.run(conversationId, async () => {
    await engine.updateKeysIfDue(conversationId);
    const body = { v: 1, t: 'text', body: text, sentAt, ...(replyTo ? { replyTo } : {}) } as const;
    const seq = await engine.sendPayload(conversationId, body, id);
    const message: ChatMessage = {
      conversationId,
      seq,
      sender: { username: self.username, deviceId: self.deviceId },
      text,
      sentAt,
      ...(replyTo ? { replyTo } : {}),
    };
    await records.addMessage(message);
    return message;
  });
}

/** Sends an emoji on the message with seq `target` (a reaction is a message of its own kind). */
export function sendReaction(
  engine: GroupEngine,
  records: ConversationRecords,
  self: DeviceRef,
  conversationId: string,
  target: number,
  emoji: string,
): Promise<ChatMessage> {
  if (!isEmoji(emoji)) throw new RangeError(`“${emoji}” is not an emoji`);
  return engine.run(conversationId, async () => {
    const quoted = (await records.messages(conversationId)).find((m) => m.seq === target);
    if (!quoted) throw new RangeError(`there is no message #${target} in this conversation`);
    await engine.updateKeysIfDue(conversationId);
    const sentAt = new Date(engine.now()).toISOString();
    const fallback = reactionFallback(emoji, quoted);
    const payload = { v: 1, t: 'reaction', target, emoji, sentAt, fallback } as const;
    const seq = await engine.sendPayload(conversationId, payload);
    const message: ChatMessage = {
      conversationId,
      seq,
      sender: { username: self.username, deviceId: self.deviceId },
      text: fallback,
      sentAt,
      reaction: { target, emoji },
    };
    await records.addMessage(message);
    return message;
  });
}

/** What a reply to the message with seq `target` quotes; throws when this device has no such message. */
export async function replyRefTo(
  records: ConversationRecords,
  conversationId: string,
  target: number,
): Promise<ReplyRef> {
  const quoted = (await records.messages(conversationId)).find((m) => m.seq === target && !m.roster);
  if (!quoted) throw new RangeError(`there is no message #${target} in this conversation`);
  return { seq: target, from: quoted.sender.username, excerpt: excerpt(quoted.text) };
}
