import type { DeviceRef } from '@parley/sdk/browser';
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../../router/link.tsx';
import { Field, FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { Messenger } from '../messenger.ts';
import { KtMark } from './key-transparency.tsx';
import { parseUsernames } from './new-conversation.tsx';

/**
 * The conversation's accounts (from the MLS roster, device by device) and its admins (from the verified group
 * context), with add; admins also remove and name admins.
 */
export function MembersPanel(props: Readonly<{ messenger: Messenger; id: string }>) {
  const { messenger, id } = props;
  const [members, setMembers] = useState<readonly DeviceRef[]>([]);
  const [admins, setAdmins] = useState<readonly string[]>([]);
  const [reload, setReload] = useState(0);
  const [toAdd, setToAdd] = useState('');
  const version = messenger.rosterVersion.value;
  useEffect(() => {
    let live = true;
    void Promise.all([messenger.client.members(id), messenger.client.admins(id)]).then(([m, a]) => {
      if (!live) return;
      setMembers(m);
      setAdmins(a);
    });
    return () => {
      live = false;
    };
  }, [messenger, id, version, reload]);
  const add = useAction(async () => {
    await messenger.client.addMembers(id, parseUsernames(toAdd));
    setToAdd('');
    setReload((n) => n + 1);
  });
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const remove = useAction(async (username: string) => {
    await messenger.client.removeMember(id, username);
    setConfirming(undefined);
    setReload((n) => n + 1);
  });
  const promote = useAction(async (username: string) => {
    await messenger.client.makeAdmin(id, username);
    setReload((n) => n + 1);
  });
  const iAmAdmin = admins.includes(messenger.username);
  const accounts = new Map<string, number>();
  for (const m of members) accounts.set(m.username, (accounts.get(m.username) ?? 0) + 1);
  return (
    <section class="card members" aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      <ul>
        {[...accounts].map(([username, devices]) => (
          <li key={username}>
            {username === messenger.username ? (
              <span>{username} (you)</span>
            ) : (
              <Link href={`/contacts/${encodeURIComponent(username)}`}>{username}</Link>
            )}
            <span class="muted">
              {' '}
              · {devices} {devices === 1 ? 'device' : 'devices'}
              {admins.includes(username) && ' · admin'}
            </span>
            {username !== messenger.username && (
              <>
                {' '}
                <KtMark messenger={messenger} username={username} />
              </>
            )}
            {iAmAdmin && !admins.includes(username) && (
              <button
                type="button"
                class="secondary quiet"
                disabled={promote.busy}
                onClick={() => void promote.run(username)}
              >
                Make admin<span class="visually-hidden"> {username}</span>
              </button>
            )}
            {iAmAdmin && username !== messenger.username && confirming !== username && (
              <button type="button" class="danger quiet" onClick={() => setConfirming(username)}>
                Remove<span class="visually-hidden"> {username}</span>
              </button>
            )}
            {confirming === username && (
              <section class="au-confirm" aria-label={`Confirm removing ${username}`}>
                <p>
                  Remove {username} ({devices} {devices === 1 ? 'device' : 'devices'})? They cannot read
                  anything sent afterwards, and everyone in the conversation sees that you removed them.
                </p>
                <button
                  type="button"
                  class="danger"
                  disabled={remove.busy}
                  onClick={() => void remove.run(username)}
                >
                  Yes, remove {username}
                </button>{' '}
                <button type="button" class="secondary" onClick={() => setConfirming(undefined)}>
                  Cancel
                </button>
              </section>
            )}
          </li>
        ))}
      </ul>
      <FormError error={remove.error ?? promote.error} />
      {!iAmAdmin && admins.length > 0 && (
        <p class="muted">Only the admins ({admins.join(', ')}) can remove people or name admins.</p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (toAdd.trim() !== '') void add.run();
        }}
      >
        <Field
          label="Add members"
          value={toAdd}
          onInput={setToAdd}
          hint="Usernames, separated by commas or spaces."
        />
        <FormError error={add.error} />
        <button type="submit" class="secondary" disabled={add.busy}>
          Add
        </button>
      </form>
    </section>
  );
}
