import type { JSX } from 'preact';
import type { Params } from '../router/router.ts';
import type { Messenger } from './messenger.ts';
import { Contact } from './screens/contact.tsx';
import { ConversationList } from './screens/conversation-list.tsx';
import { ConversationView } from './screens/conversation-view.tsx';
import { Devices } from './screens/devices.tsx';
import { NewConversation } from './screens/new-conversation.tsx';
import { Notices } from './screens/notices.tsx';

export type MessengerRoute = Readonly<{
  pattern: string;
  render: (messenger: Messenger, params: Params) => JSX.Element;
}>;

/** The messenger's screens; more specific patterns first. */
export const messengerRoutes: readonly MessengerRoute[] = [
  { pattern: '/', render: (m) => <ConversationList messenger={m} /> },
  { pattern: '/chats/new', render: (m) => <NewConversation messenger={m} /> },
  { pattern: '/chats/:id', render: (m, p) => <ConversationView messenger={m} id={p.id ?? ''} /> },
  { pattern: '/devices', render: (m) => <Devices messenger={m} /> },
  { pattern: '/contacts/:username', render: (m, p) => <Contact messenger={m} username={p.username ?? ''} /> },
  { pattern: '/notices', render: (m) => <Notices messenger={m} /> },
];
