import { TableScroll } from '../../ui/table-scroll.tsx';
import { useTransparency } from '../transparency-services.ts';
import { useLoaded } from '../use-loaded.ts';

const holding = {
  held: 'Held',
  transient: 'Held briefly, then deleted',
  not_held: 'Never held',
  e2ee: 'End-to-end encrypted: Parley cannot read it',
} as const;

/** The plain-language data inventory: what Parley holds, and what it can and cannot hand over. */
export function DataInventory() {
  const { data } = useTransparency();
  const loaded = useLoaded(() => data.catalogue());
  return (
    <>
      <h1 tabIndex={-1}>What Parley holds, and what it can disclose</h1>
      <p class="lede">
        Messages are end-to-end encrypted on members' devices. Parley's servers never hold the keys, so no
        request can make Parley disclose message content: it does not have it in a readable form.
      </p>
      {loaded.state === 'loading' && <p role="status">Loading the data inventory…</p>}
      {loaded.state === 'failed' && <p class="error">The inventory could not be loaded: {loaded.error}</p>}
      {loaded.state === 'ready' && (
        <>
          <TableScroll label="Data inventory table">
            <table class="tp-report">
              <caption>
                Each kind of data, whether Parley holds it, and which legal instrument could compel it
              </caption>
              <thead>
                <tr>
                  <th scope="col">Data</th>
                  <th scope="col">Held?</th>
                  <th scope="col">Can be disclosed?</th>
                  <th scope="col">Lowest instrument that may compel it</th>
                  <th scope="col">Kept for</th>
                </tr>
              </thead>
              <tbody>
                {loaded.value.categories.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.description}</th>
                    <td>{holding[c.holding]}</td>
                    <td>{c.disclosable ? 'Yes, to a valid request' : 'No'}</td>
                    <td>{c.minimumTier?.replaceAll('_', ' ') ?? '—'}</td>
                    <td>{c.retention}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <h2>Never disclosed</h2>
          <p>
            These operational records exist only to run the service; no instrument may compel them (
            {loaded.value.notDisclosable.length} database columns):
          </p>
          <ul class="tp-columns">
            {loaded.value.notDisclosable.map((c) => (
              <li key={c}>
                <span class="code">{c}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
