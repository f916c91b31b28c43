import type { ChatMessage } from '@parley/sdk/browser';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Link } from '../../router/link.tsx';
import { FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { Messenger } from '../messenger.ts';
import { MembersPanel } from './members-panel.tsx';
import { MessageItem, reactionsByTarget } from './message-item.tsx';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** One conversation: its history (a live log), the composer, and its members. */
export function ConversationView(props: Readonly<{ messenger: Messenger; id: string }>) {
  const { messenger, id } = props;
  const conversation = messenger.conversations.value.find((c) => c.id === id);
  const messages = messenger.history.value.get(id) ?? [];
  const pending = messenger.pending.value.get(id) ?? [];
  const reactions = reactionsByTarget(messages, messenger.username);
  const [replyTo, setReplyTo] = useState<ChatMessage | undefined>(undefined);
  const react = useAction(async (target: number, emoji: string) => {
    await messenger.react(id, target, emoji);
  });
  const [text, setText] = useState('');
  const send = useAction(async () => {
    const body = text.trim();
    // Cleared at once: the message shows as pending and goes out in order, so the user can write on.
    setText('');
    const answering = replyTo;
    setReplyTo(undefined);
    try {
      await messenger.send(id, body, answering?.seq);
    } catch (error) {
      setText(body);
      setReplyTo(answering);
      throw error;
    }
  });
  const logRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    messenger.active.value = id;
    return () => {
      if (messenger.active.value === id) messenger.active.value = undefined;
    };
  }, [messenger, id]);
  useEffect(() => {
    void messenger.markRead(id);
    logRef.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [messenger, id, messages.length, pending.length]);

  if (!conversation)
    return (
      <>
        <h1 tabIndex={-1}>Conversation not found</h1>
        <p>
          This browser has no conversation with that address. <Link href="/">Back to conversations</Link>
        </p>
      </>
    );
  const active = conversation.status === 'active';
  return (
    <div class="conversation">
      <div class="screen-head">
        <h1 tabIndex={-1}>{conversation.name ?? 'Unnamed conversation'}</h1>
        <Link href="/">All conversations</Link>
      </div>
      {!active && (
        <p class="notice-banner" role="status">
          {conversation.status === 'removed'
            ? 'You were removed from this conversation. New messages cannot reach you.'
            : conversation.status === 'broken'
              ? 'This conversation cannot go on: a member sent a change that could not be processed. Nobody was added. Start a new conversation with the same people.'
              : 'Parley stopped this conversation: someone tried to add a device its account never signed for.'}
        </p>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the history scrolls by keyboard once tabbed to (PageUp/PageDown/Home/End; WCAG 2.1.1) */}
      <section class="message-history" aria-label="Message history" tabIndex={0}>
        <div role="log" aria-live="polite" aria-label="Messages">
          <ol class="messages" ref={logRef}>
            {messages.map((m) => {
              if (m.roster)
                return (
                  <li key={m.seq} class="message roster">
                    <span class="text">{m.text}</span>
                    <time dateTime={m.sentAt}>{time.format(new Date(m.sentAt))}</time>
                  </li>
                );
              if (m.reaction) return null;
              return (
                <MessageItem
                  key={m.seq}
                  message={m}
                  mine={m.sender.deviceId === messenger.client.deviceId}
                  reactions={reactions.get(m.seq)}
                  {...(active
                    ? { onReply: setReplyTo, onReact: (to, emoji) => void react.run(to.seq, emoji) }
                    : {})}
                />
              );
            })}
            {pending.map((p) => (
              <li key={p.id} class="message mine pending">
                <span class="sender">You</span>
                <span class="text">{p.text}</span>
                <span class="pending-note">Not sent yet</span>
              </li>
            ))}
          </ol>
        </div>
      </section>
      {active && (
        <form
          class="composer"
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim() !== '') void send.run();
          }}
        >
          {replyTo && (
            <p class="replying" role="status">
              Replying to {replyTo.sender.username}: {replyTo.text.slice(0, 80)}{' '}
              <button type="button" class="secondary quiet" onClick={() => setReplyTo(undefined)}>
                Cancel reply
              </button>
            </p>
          )}
          <label for="composer-text" class="visually-hidden">
            Message
          </label>
          <textarea
            id="composer-text"
            rows={2}
            value={text}
            placeholder="Write a message"
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter sends, Shift+Enter adds a line, as in most messengers.
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <button type="submit" disabled={send.busy}>
            Send
          </button>
          <FormError error={send.error ?? react.error} />
        </form>
      )}
      {active && <MembersPanel messenger={messenger} id={id} />}
    </div>
  );
}
