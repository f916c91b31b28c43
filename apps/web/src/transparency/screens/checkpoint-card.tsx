import { readCheckpoint } from '../checkpoint-note.ts';
import { useTransparency } from '../transparency-services.ts';
import { useLoaded } from '../use-loaded.ts';

/** The log's current signed tree head: its size, root, and which witnesses cosigned it and when. */
export function CheckpointCard() {
  const { data } = useTransparency();
  const loaded = useLoaded(async () => {
    const note = await data.checkpoint();
    return { note, view: readCheckpoint(note) };
  });
  return (
    <section class="card" aria-labelledby="checkpoint-heading">
      <h2 id="checkpoint-heading">Current checkpoint</h2>
      {loaded.state === 'loading' && <p role="status">Loading the checkpoint…</p>}
      {loaded.state === 'failed' && <p class="error">The checkpoint could not be loaded: {loaded.error}</p>}
      {loaded.state === 'ready' && (
        <>
          <dl class="tp-facts">
            <dt>Log</dt>
            <dd class="code">{loaded.value.view.origin}</dd>
            <dt>Size</dt>
            <dd>{loaded.value.view.size} entries</dd>
            <dt>Root hash</dt>
            <dd class="code">{loaded.value.view.rootHash}</dd>
            <dt>Witnesses</dt>
            <dd>
              {loaded.value.view.witnesses.length === 0 ? (
                'No witness has cosigned this checkpoint yet.'
              ) : (
                <ul>
                  {loaded.value.view.witnesses.map((w) => (
                    <li key={w.name}>
                      <span class="code">{w.name}</span>
                      {w.cosignedAt && ` cosigned at ${w.cosignedAt.toISOString()}`}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          <details>
            <summary>The signed note</summary>
            <pre class="tp-note">{loaded.value.note}</pre>
          </details>
        </>
      )}
    </section>
  );
}
