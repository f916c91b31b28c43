import type { ChatMessage, ConversationRecords } from './conversation-records.ts';
import type { GroupEngine } from './group-engine.ts';
import type { PendingMessage } from './outbox.ts';

/** Encrypts a text message under its client id and posts it; the history keeps it once the server took it. */
export function sendText(
  engine: GroupEngine,
  records: ConversationRecords,
  self: Readonly<{ username: string; deviceId: string }>,
  pending: PendingMessage,
): Promise<ChatMessage> {
  const { conversationId, text, sentAt, id } = pending;
  return engine.run(conversationId, async () => {
    await engine.updateKeysIfDue(conversationId);
    const seq = await engine.sendPayload(conversationId, { v: 1, t: 'text', body: text, sentAt }, id);
    const message: ChatMessage = { conversationId, seq, sender: { ...self }, text, sentAt };
    await records.addMessage(message);
    return message;
  });
}
