import { FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useTransparency } from '../transparency-services.ts';
import type { Verdict } from '../verifier.ts';

/** The in-browser verification: progress, the verdict (with the exact failure), and what this browser pinned. */
export function VerificationPanel() {
  const { verifier, store } = useTransparency();
  const verdict = verifier.verdict.value;
  const again = useAction(async () => {
    await verifier.run();
  });
  const forget = useAction(async () => {
    await store.forget();
    await verifier.run();
  });
  return (
    <section class="card" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verification in this browser</h2>
      <p class="hint">
        This page runs the same checks as <span class="code">parley verify</span>: the checkpoint's signature,
        every tile and entry of the log, every request's chain of events, and every published report
        recomputed from the log. It remembers the log key and the last checkpoint in this browser, so a later
        visit detects a log that was rolled back or forked.
      </p>
      <VerdictView verdict={verdict} />
      <button type="button" onClick={() => void again.run()} disabled={verdict.phase === 'running'}>
        Verify again
      </button>{' '}
      {verdict.phase === 'failed' &&
        (verdict.problem === 'fork' || verdict.problem === 'rollback' || verdict.problem === 'log-key') && (
          <button type="button" class="danger quiet" onClick={() => void forget.run()}>
            Forget what this browser saw and start over
          </button>
        )}
      <FormError error={again.error ?? forget.error} />
    </section>
  );
}

function VerdictView(props: Readonly<{ verdict: Verdict }>) {
  const v = props.verdict;
  switch (v.phase) {
    case 'idle':
      return <p role="status">Verification has not started.</p>;
    case 'running':
      return (
        <div role="status">
          <p>
            Verifying the log… {v.entries} {v.size === undefined ? '' : `of ${v.size} `}entries checked.
          </p>
          <progress
            class="tp-progress"
            max={v.size ?? 1}
            value={v.size === undefined ? undefined : v.entries}
            aria-label="Verification progress"
          />
        </div>
      );
    case 'failed':
      return (
        <div class="tp-verdict tp-verdict-failed" role="alert">
          <p>
            <strong>Verification FAILED</strong> ({v.problem})
          </p>
          <p>{v.message}</p>
        </div>
      );
    case 'verified': {
      const s = v.summary;
      return (
        <div class="tp-verdict tp-verdict-verified" role="status">
          <p>
            <strong>The log verifies:</strong> {s.size} entries under root{' '}
            <span class="code">{s.rootHash}</span>
            {v.previousSize === undefined
              ? '. This browser had not seen this log before; it now remembers this checkpoint.'
              : `, consistent with the checkpoint of size ${v.previousSize} this browser saw before.`}
          </p>
          <p>
            {s.requestEvents} request events, {s.policies.length} policy versions
            {s.pendingSeals > 0 ? `, ${s.pendingSeals} sealed under non-disclosure orders` : ''}.
          </p>
          <ul aria-label="Reports verified">
            {s.reports.map((r) => (
              <li key={r.index}>
                Report {r.period} (entry {r.index}, {r.rows} rows): verified, recomputed from the log's first{' '}
                {r.checkpointSize} entries and found exact
              </li>
            ))}
          </ul>
        </div>
      );
    }
  }
}
