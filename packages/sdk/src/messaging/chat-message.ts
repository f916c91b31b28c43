import type { ChatMessage, DeviceRef } from './conversation-records.ts';
import type { AppPayload } from './payload.ts';

/** The history entry a payload makes, or undefined for kinds that are not shown (names, trust). */
export function chatMessageOf(
  payload: AppPayload | undefined,
  at: Readonly<{ conversationId: string; seq: number; sender: DeviceRef }>,
): ChatMessage | undefined {
  const base = { conversationId: at.conversationId, seq: at.seq, sender: at.sender };
  switch (payload?.t) {
    case 'text':
      return {
        ...base,
        text: payload.body,
        sentAt: payload.sentAt,
        ...(payload.replyTo ? { replyTo: payload.replyTo } : {}),
      };
    case 'reaction':
      return {
        ...base,
        text: payload.fallback,
        sentAt: payload.sentAt,
        reaction: { target: payload.target, emoji: payload.emoji },
      };
    case 'unsupported':
      return { ...base, text: payload.fallback, sentAt: payload.sentAt, unsupported: payload.kind };
    default:
      return undefined;
  }
}

/** What a reaction says to a client that does not group reactions (or does not know them). */
export function reactionFallback(emoji: string, target: ChatMessage | undefined): string {
  return target ? `reacted ${emoji} to “${excerpt(target.text)}”` : `reacted ${emoji}`;
}

/** The opening words of a message, as a reply quotes it. */
export function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= 80 ? line : `${line.slice(0, 79)}…`;
}
