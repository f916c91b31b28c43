import { Link } from '../../router/link.tsx';
import type { Messenger } from '../messenger.ts';

/** Conversations, most recent first, with unread counts; the messenger's home screen. */
export function ConversationList(props: Readonly<{ messenger: Messenger }>) {
  const summaries = props.messenger.summaries.value;
  return (
    <>
      <div class="screen-head">
        <h1 tabIndex={-1}>Conversations</h1>
        <Link href="/chats/new" class="button">
          New conversation
        </Link>
      </div>
      {summaries.length === 0 ? (
        <p class="empty">No conversations yet. Start one, or wait for someone to add you.</p>
      ) : (
        <ul class="conversations">
          {summaries.map(({ conversation, unread, last }) => {
            const name = conversation.name ?? 'Unnamed conversation';
            return (
              <li key={conversation.id}>
                <Link href={`/chats/${conversation.id}`}>
                  <span class="conversation-name">{name}</span>
                  <span class="preview">
                    {conversation.status === 'removed'
                      ? 'You were removed'
                      : last
                        ? last.roster
                          ? last.text
                          : `${last.sender.username === props.messenger.username ? 'You' : last.sender.username}: ${last.text}`
                        : 'No messages yet'}
                  </span>
                  {unread > 0 && (
                    <span class="badge">
                      {unread}
                      <span class="visually-hidden"> unread</span>
                    </span>
                  )}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
