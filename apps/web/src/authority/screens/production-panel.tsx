import { useEffect, useState } from 'preact/hooks';
import { FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import { sha256Hex } from '../document-file.ts';
import type { CaseView, OfficerPortal, ProductionPackage } from '../officer-portal.ts';
import { formatTime } from '../vocabulary.ts';

/**
 * The production, once released. The server refuses the download until the "produced" event is under a
 * signed checkpoint of the public log, so a disclosure is on the public record before any data leaves;
 * until then this says so instead of offering a button that fails.
 */
export function ProductionPanel(
  props: Readonly<{ portal: OfficerPortal; view: CaseView; onRecheck: () => Promise<void> }>,
) {
  const { portal, view } = props;
  const [pkg, setPkg] = useState<ProductionPackage | undefined>(undefined);
  const download = useAction(async () => {
    const got = await portal.download(view.reference);
    setPkg(got);
    save(`${view.reference}-production.json`, JSON.stringify(got, null, 2));
  });
  const recheck = useAction(props.onRecheck);
  return (
    <section class="card" aria-labelledby="production-heading">
      <h2 id="production-heading">Production</h2>
      {view.productionReady ? (
        <>
          <p>The production package is released. Every download is recorded in Parley’s audit trail.</p>
          <button type="button" onClick={() => void download.run()} disabled={download.busy}>
            {download.busy ? 'Downloading…' : 'Download the production package'}
          </button>
        </>
      ) : (
        <>
          <p class="notice-banner" role="status">
            Produced, not yet released. Parley releases a production only once its “produced” event is covered
            by a signed checkpoint of the public transparency log, so the disclosure is on the public record
            before any data leaves. Check again shortly.
          </p>
          <button type="button" class="secondary" onClick={() => void recheck.run()} disabled={recheck.busy}>
            Check again
          </button>
        </>
      )}
      <FormError error={download.error ?? recheck.error} />
      {pkg && <PackageSummary pkg={pkg} />}
    </section>
  );
}

/** What the package holds, each file checked against the manifest here, and what Parley does not hold. */
function PackageSummary(props: Readonly<{ pkg: ProductionPackage }>) {
  const { manifest } = props.pkg;
  const [checked, setChecked] = useState<ReadonlySet<string> | undefined>(undefined);
  useEffect(() => {
    void Promise.all(
      props.pkg.files.map(async (f) => {
        const listed = manifest.files.find((m) => m.name === f.name);
        return listed?.sha256 === (await sha256Hex(new TextEncoder().encode(f.content))) ? f.name : '';
      }),
    ).then((names) => setChecked(new Set(names.filter(Boolean))));
  }, [props.pkg]);
  return (
    <div class="au-package">
      <p role="status">
        Saved as a JSON file. Available until{' '}
        <time dateTime={manifest.expiresAt}>{formatTime(manifest.expiresAt)}</time>; period{' '}
        {manifest.dateRange.from} to {manifest.dateRange.to}; {manifest.accounts} account(s).
      </p>
      <table class="au-files">
        <caption>Files</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Category</th>
            <th scope="col">Bytes</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {manifest.files.map((f) => (
            <tr key={f.name}>
              <td>{f.name}</td>
              <td>{f.category}</td>
              <td>{f.bytes}</td>
              <td>
                <code class="au-hash">{f.sha256}</code>{' '}
                {checked === undefined ? '' : checked.has(f.name) ? '(matches)' : '(DOES NOT MATCH)'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Not held by Parley</h3>
      {manifest.notHeld.length === 0 ? (
        <p class="muted">Every category asked for was held.</p>
      ) : (
        <ul class="au-not-held">
          {manifest.notHeld.map((n) => (
            <li key={n.category}>
              <code>{n.category}</code> (
              {n.holding === 'e2ee' ? 'end-to-end encrypted' : n.holding.replaceAll('_', ' ')}
              ): {n.description}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        Manifest SHA-256: <code class="au-hash">{props.pkg.manifestSha256}</code>
      </p>
    </div>
  );
}

/** Hands the browser a file to save; the bytes never leave the page except to the officer's disk. */
function save(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
