import type { ChatMessage } from '@parley/sdk/browser';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** Who put which emoji on a message, in words: "👍 bob, you". */
export type Reactions = ReadonlyMap<string, readonly string[]>;

/** Groups the conversation's reactions by the message they are on. */
export function reactionsByTarget(
  messages: readonly ChatMessage[],
  me: string,
): Map<number, Map<string, string[]>> {
  const byTarget = new Map<number, Map<string, string[]>>();
  for (const m of messages) {
    if (!m.reaction) continue;
    const emojis = byTarget.get(m.reaction.target) ?? new Map<string, string[]>();
    const who = m.sender.username === me ? 'you' : m.sender.username;
    const people = emojis.get(m.reaction.emoji) ?? [];
    if (!people.includes(who)) emojis.set(m.reaction.emoji, [...people, who]);
    byTarget.set(m.reaction.target, emojis);
  }
  return byTarget;
}

/** One message of the history: the quote it answers, its text, its reactions, and reply and react buttons. */
export function MessageItem(
  props: Readonly<{
    message: ChatMessage;
    mine: boolean;
    reactions: Reactions | undefined;
    onReply?: (message: ChatMessage) => void;
    onReact?: (message: ChatMessage, emoji: string) => void;
  }>,
) {
  const { message: m, mine, reactions } = props;
  const from = mine ? 'You' : m.sender.username;
  return (
    <li class={mine ? 'message mine' : 'message'}>
      <span class="sender">{from}</span>
      {m.replyTo && (
        <blockquote class="reply-quote">
          <span class="visually-hidden">In reply to </span>
          {m.replyTo.from}: {m.replyTo.excerpt}
        </blockquote>
      )}
      <span class="text">{m.text}</span>
      {m.unsupported && <span class="pending-note">Sent with a newer version of Parley</span>}
      <time dateTime={m.sentAt}>{time.format(new Date(m.sentAt))}</time>
      {reactions && reactions.size > 0 && (
        <ul class="reactions" aria-label="Reactions">
          {[...reactions].map(([emoji, people]) => (
            <li key={emoji}>
              {emoji} {people.join(', ')}
            </li>
          ))}
        </ul>
      )}
      {(props.onReply || props.onReact) && (
        <span class="message-actions">
          {props.onReply && (
            <button type="button" class="secondary quiet" onClick={() => props.onReply?.(m)}>
              Reply
              <span class="visually-hidden">
                {' '}
                to {from}: {m.text.slice(0, 40)}
              </span>
            </button>
          )}
          {props.onReact && (
            <button type="button" class="secondary quiet" onClick={() => props.onReact?.(m, '👍')}>
              <span aria-hidden="true">👍</span>
              <span class="visually-hidden">
                React with a thumbs up to {from}: {m.text.slice(0, 40)}
              </span>
            </button>
          )}
        </span>
      )}
    </li>
  );
}
