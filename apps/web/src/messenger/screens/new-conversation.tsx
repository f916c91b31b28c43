import { useState } from 'preact/hooks';
import { useApp } from '../../app-context.ts';
import { Field, FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { Messenger } from '../messenger.ts';

/** Splits "bob, carol dave" into usernames. */
export function parseUsernames(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** Starts a conversation: a one-to-one chat is a group of two accounts. */
export function NewConversation(props: Readonly<{ messenger: Messenger }>) {
  const { router } = useApp();
  const [name, setName] = useState('');
  const [people, setPeople] = useState('');
  const create = useAction(async () => {
    const id = await props.messenger.createConversation(name.trim(), parseUsernames(people));
    router.navigate(`/chats/${id}`, { replace: true });
  });
  return (
    <>
      <h1 tabIndex={-1}>New conversation</h1>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
      >
        <Field
          label="Name"
          value={name}
          onInput={setName}
          required
          hint="Only members see it: it is encrypted."
        />
        <Field
          label="Members"
          value={people}
          onInput={setPeople}
          hint="Usernames separated by commas or spaces. You can add more later."
        />
        <FormError error={create.error} />
        <button type="submit" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create conversation'}
        </button>
      </form>
    </>
  );
}
