import { describeKtState } from '@parley/sdk/browser';
import { useEffect, useState } from 'preact/hooks';
import { describe } from '../../ui/describe.ts';
import type { Messenger } from '../messenger.ts';

/** A contact's key-transparency standing in a few words, for lists; the symbol is never the only signal. */
export function KtMark(props: Readonly<{ messenger: Messenger; username: string }>) {
  const { messenger, username } = props;
  useEffect(() => void messenger.loadTransparency(username).catch(() => undefined), [messenger, username]);
  const state = messenger.transparency.value.get(username);
  if (state === undefined) return null;
  switch (state.status) {
    case 'verified':
      return <span class="kt kt-verified">✓ Verified by key transparency (epoch {state.epoch})</span>;
    case 'pending':
      return <span class="kt kt-pending">Key transparency pending (newer than epoch {state.epoch})</span>;
    case 'refused':
      return <span class="kt kt-refused">⚠ Refused by key transparency ({state.problem})</span>;
  }
}

/**
 * The contact page's key-transparency section: checked against the directory's newest epoch when opened and
 * kept current by the SDK's events. A refusal is a warning that stays for as long as the refusal does.
 */
export function KtSection(props: Readonly<{ messenger: Messenger; username: string }>) {
  const { messenger, username } = props;
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setError(undefined);
    messenger.checkTransparency(username).catch((caught: unknown) => live && setError(describe(caught)));
    return () => {
      live = false;
    };
  }, [messenger, username]);
  const state = messenger.transparency.value.get(username);
  return (
    <section class="card" aria-labelledby="kt-heading">
      <h2 id="kt-heading">Key transparency</h2>
      {state?.status === 'refused' ? (
        <div class="alert alert-danger kt-warning" role="alert">
          <div>
            <p>
              <strong>Warning: </strong>
              {describeKtState(username, state)}
            </p>
            <p>
              Do not rely on the keys the server shows for {username} until this is resolved: compare the
              safety number with them in person, and tell them what you saw.
            </p>
          </div>
        </div>
      ) : (
        <p role="status" class={state?.status === 'verified' ? 'ok' : undefined}>
          {state?.status === 'verified' && '✓ '}
          {describeKtState(username, state)}
        </p>
      )}
      {error && <p class="error">Could not check the key directory: {error}</p>}
    </section>
  );
}
