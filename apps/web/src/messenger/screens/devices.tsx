import type { DeviceEntry } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { Link } from '../../router/link.tsx';
import { Field, FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { Messenger } from '../messenger.ts';

/** The devices a signed device list names, oldest first; `current` marks this browser. */
export function DeviceTable(
  props: Readonly<{ devices: readonly DeviceEntry[]; current?: string; caption: string }>,
) {
  return (
    <table class="devices">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Device</th>
          <th scope="col">Added</th>
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
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** This account's devices, the approval of a new one, and the people this device talks to. */
export function Devices(props: Readonly<{ messenger: Messenger }>) {
  const { messenger } = props;
  const [devices, setDevices] = useState<readonly DeviceEntry[]>([]);
  const [contacts, setContacts] = useState<readonly string[]>([]);
  const [code, setCode] = useState('');
  const [approved, setApproved] = useState<string | undefined>(undefined);
  const version = messenger.rosterVersion.value;
  const conversations = messenger.conversations.value;
  useEffect(() => {
    void messenger.client.devices().then(setDevices, () => undefined);
    void knownContacts(messenger).then(setContacts, () => undefined);
  }, [messenger, version, conversations]);
  const approve = useAction(async () => {
    const device = await messenger.client.approveDevice(code);
    setCode('');
    setApproved(device.deviceId);
    setDevices(await messenger.client.devices());
  });
  return (
    <>
      <h1 tabIndex={-1}>Devices</h1>
      <DeviceTable
        devices={devices}
        current={messenger.client.deviceId}
        caption={`Devices of ${messenger.username}`}
      />
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
          <p role="status" class="ok">
            Device {approved.slice(0, 8)} approved.
          </p>
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
