import type { DeviceEntry } from '@parley/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Link } from '../../router/link.tsx';
import { Field, FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { Messenger } from '../messenger.ts';

/**
 * The devices a signed device list names, oldest first; `current` marks this browser. With `onUnlink`, every
 * other device gets an Unlink button.
 */
export function DeviceTable(
  props: Readonly<{
    devices: readonly DeviceEntry[];
    current?: string;
    caption: string;
    onUnlink?: (deviceId: string) => void;
  }>,
) {
  const { onUnlink } = props;
  return (
    <table class="devices">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Device</th>
          <th scope="col">Added</th>
          {onUnlink && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {props.devices.map((d) => (
          <tr key={d.deviceId}>
            <td>
              <code>{d.deviceId.slice(0, 8)}</code>
              {d.deviceId === props.current && <span class="tag">this browser</span>}
            </td>
            <td>{d.addedAt}</td>
            {onUnlink && (
              <td>
                {d.deviceId !== props.current && (
                  <button type="button" class="secondary" onClick={() => onUnlink(d.deviceId)}>
                    Unlink {d.deviceId.slice(0, 8)}…
                  </button>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Unlinking cuts a device out of the account and every conversation for good, so it asks once more. */
function UnlinkConfirm(
  props: Readonly<{ deviceId: string; onDone: (unlinked: boolean) => void; messenger: Messenger }>,
) {
  const { deviceId, onDone, messenger } = props;
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  const unlink = useAction(async () => {
    await messenger.client.removeDevice(deviceId);
    onDone(true);
  });
  return (
    <section class="card au-confirm" aria-label="Confirm unlinking">
      <p>
        Unlink device <code>{deviceId.slice(0, 8)}</code>? It leaves your signed device list and is removed
        from every conversation; it cannot read anything sent afterwards. Do this for a lost or stolen device.
      </p>
      <button
        ref={confirm}
        type="button"
        class="danger"
        onClick={() => void unlink.run()}
        disabled={unlink.busy}
      >
        Yes, unlink this device
      </button>{' '}
      <button type="button" class="secondary" onClick={() => onDone(false)}>
        Keep it
      </button>
      <FormError error={unlink.error} />
    </section>
  );
}

/** This account's devices, the approval of a new one, and the people this device talks to. */
export function Devices(props: Readonly<{ messenger: Messenger }>) {
  const { messenger } = props;
  const [devices, setDevices] = useState<readonly DeviceEntry[]>([]);
  const [contacts, setContacts] = useState<readonly string[]>([]);
  const [code, setCode] = useState('');
  const [approved, setApproved] = useState<Readonly<{ deviceId: string; accountCode: string }>>();
  const [unlinking, setUnlinking] = useState<string | undefined>(undefined);
  const [unlinked, setUnlinked] = useState<string | undefined>(undefined);
  const version = messenger.rosterVersion.value;
  const conversations = messenger.conversations.value;
  useEffect(() => {
    void messenger.client.devices().then(setDevices, () => undefined);
    void knownContacts(messenger).then(setContacts, () => undefined);
  }, [messenger, version, conversations]);
  const approve = useAction(async () => {
    const device = await messenger.client.approveDevice(code);
    setCode('');
    setApproved(device);
    setDevices(await messenger.client.devices());
  });
  return (
    <>
      <h1 tabIndex={-1}>Devices</h1>
      <DeviceTable
        devices={devices}
        current={messenger.client.deviceId}
        caption={`Devices of ${messenger.username}`}
        {...(messenger.client.holdsAccountKey ? { onUnlink: setUnlinking } : {})}
      />
      {unlinking && (
        <UnlinkConfirm
          deviceId={unlinking}
          messenger={messenger}
          onDone={(done) => {
            if (done) setUnlinked(unlinking);
            setUnlinking(undefined);
            void messenger.client.devices().then(setDevices, () => undefined);
          }}
        />
      )}
      {unlinked && (
        <p role="status" class="ok">
          Device {unlinked.slice(0, 8)} unlinked and removed from your conversations.
        </p>
      )}
      <form
        class="card"
        aria-labelledby="approve-heading"
        onSubmit={(e) => {
          e.preventDefault();
          void approve.run();
        }}
      >
        <h2 id="approve-heading">Approve a new device</h2>
        <Field
          label="Link code"
          hint="Shown on the new device. Approving adds it to your signed device list; your contacts will see it."
          value={code}
          onInput={setCode}
          multiline
          required
        />
        <FormError error={approve.error} />
        {approved && (
          <div role="status" class="ok">
            <p>
              Device {approved.deviceId.slice(0, 8)} approved. On the new device, enter this account code; it
              checks that the server gave it your real account key:
            </p>
            <p class="account-code">
              <strong>{approved.accountCode}</strong>
            </p>
          </div>
        )}
        <button type="submit" disabled={approve.busy}>
          Approve device
        </button>
      </form>
      <section aria-labelledby="contacts-heading">
        <h2 id="contacts-heading">Contacts</h2>
        {contacts.length === 0 ? (
          <p class="empty">People you share a conversation with appear here.</p>
        ) : (
          <ul class="contacts">
            {contacts.map((name) => (
              <li key={name}>
                <Link href={`/contacts/${encodeURIComponent(name)}`}>{name}</Link>: devices and safety number
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

async function knownContacts(messenger: Messenger): Promise<string[]> {
  const names = new Set<string>();
  for (const conversation of messenger.conversations.value) {
    if (conversation.status !== 'active') continue;
    for (const member of await messenger.client.members(conversation.id)) names.add(member.username);
  }
  names.delete(messenger.username);
  return [...names].sort();
}
