import { type ClaimResult, parseClaim } from '@parley/sdk';
import { useState } from 'preact/hooks';
import { describe } from '../../ui/describe.ts';
import { Field, FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useTransparency } from '../transparency-services.ts';

const verdictText = { holds: 'HOLDS', fails: 'FAILS', undecided: 'UNDECIDED' } as const;

/** Asks the verified log a question ("no-production HK since 2020-07-06") and shows its evidence. */
export function ClaimsForm() {
  const { verifier } = useTransparency();
  const [kind, setKind] = useState<'no-production' | 'paused'>('no-production');
  const [jurisdiction, setJurisdiction] = useState('');
  const [since, setSince] = useState('');
  const [syntax, setSyntax] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<ClaimResult | undefined>(undefined);
  const check = useAction(async () => {
    const claim = `${kind} ${jurisdiction.trim()} since ${since}`;
    try {
      parseClaim(claim);
    } catch (error) {
      setSyntax(describe(error));
      return;
    }
    setSyntax(undefined);
    setResult(undefined);
    const summary = await verifier.run([claim]);
    if (summary === undefined)
      throw new Error('the log did not verify, so no claim can be answered (see above)');
    setResult(summary.claims[0]);
  });
  return (
    <section class="card" aria-labelledby="claims-heading">
      <h2 id="claims-heading">Check a claim</h2>
      <p class="hint">
        The log can settle two kinds of claim: that no request from a jurisdiction's authorities had data
        produced since a date, and that a jurisdiction has been paused without a break since a date.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void check.run();
        }}
      >
        <div class="field">
          <label for="claim-kind">Claim</label>
          <select
            id="claim-kind"
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value === 'paused' ? 'paused' : 'no-production')}
          >
            <option value="no-production">No data produced to its authorities</option>
            <option value="paused">Requests paused</option>
          </select>
        </div>
        <Field
          label="Jurisdiction"
          hint="A two-letter code such as HK, or a subdivision such as US-CA."
          value={jurisdiction}
          onInput={setJurisdiction}
          required
          error={syntax}
        />
        <div class="field">
          <label for="claim-since">Since</label>
          <input
            id="claim-since"
            type="date"
            required
            value={since}
            onInput={(e) => setSince(e.currentTarget.value)}
          />
        </div>
        <button type="submit" disabled={check.busy}>
          {check.busy ? 'Checking the log…' : 'Check the claim'}
        </button>
        <FormError error={check.error} />
      </form>
      {result && (
        <div class={`tp-verdict tp-verdict-claim-${result.verdict}`} role="status">
          <p>
            <strong>
              Claim "{result.claim}": {verdictText[result.verdict]}
            </strong>
          </p>
          <h3>Evidence</h3>
          <ul>
            {result.evidence.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
