import type { DeviceEntry } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { describe } from '../../ui/describe.ts';
import { FormError } from '../../ui/field.tsx';
import { QrCode } from '../../ui/qr-code.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { Messenger } from '../messenger.ts';
import { DeviceTable } from './devices.tsx';
import { KtSection } from './key-transparency.tsx';

type Safety = Readonly<{ number: string; qr: string; verifiedOn: string | undefined }>;

/** A contact's signed device list and the safety number to compare with them in person. */
export function Contact(props: Readonly<{ messenger: Messenger; username: string }>) {
  const { messenger, username } = props;
  const [devices, setDevices] = useState<readonly DeviceEntry[]>([]);
  const [safety, setSafety] = useState<Safety | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const version = messenger.rosterVersion.value;
  const mark = useAction(async () => {
    await messenger.client.markVerified(username);
    const verifiedOn = await messenger.client.verifiedOn(username);
    setSafety((s) => s && { ...s, verifiedOn });
  });
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [list, number, qr, verifiedOn] = await Promise.all([
          messenger.client.devices(username),
          messenger.client.safetyNumber(username),
          messenger.client.safetyNumberQr(username),
          messenger.client.verifiedOn(username),
        ]);
        if (!live) return;
        setDevices(list);
        setSafety({ number, qr, verifiedOn });
      } catch (caught) {
        if (live) setError(describe(caught));
      }
    })();
    return () => {
      live = false;
    };
  }, [messenger, username, version]);
  return (
    <>
      <h1 tabIndex={-1}>{username}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <KtSection messenger={messenger} username={username} />
      <section class="card" aria-labelledby="safety-heading">
        <h2 id="safety-heading">Safety number</h2>
        <p>
          Compare this number with {username}, in person or on a call. If it matches on both devices, nobody —
          not even the Parley server — has swapped their keys.
        </p>
        {safety ? (
          <>
            <p class="visually-hidden">Safety number: {safety.number}</p>
            <p class="safety-number" aria-hidden="true">
              {safety.number.split(' ').map((group, i) => (
                <span key={`${i}-${group}`}>{group}</span>
              ))}
            </p>
            <QrCode text={safety.qr} label={`Safety number QR code for ${username}`} />
            {safety.verifiedOn ? (
              <p class="ok" role="status">
                Verified: you compared this number with {username} on {safety.verifiedOn}.
              </p>
            ) : (
              <>
                <p>Not verified yet.</p>
                <button type="button" class="secondary" disabled={mark.busy} onClick={() => void mark.run()}>
                  Mark as verified
                </button>
                <FormError error={mark.error} />
              </>
            )}
          </>
        ) : (
          !error && <p role="status">Computing…</p>
        )}
      </section>
      <DeviceTable devices={devices} caption={`Devices of ${username}`} />
    </>
  );
}
