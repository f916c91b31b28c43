import { Link } from '../../router/link.tsx';
import { TableScroll } from '../../ui/table-scroll.tsx';
import { when } from '../case/case-record.ts';
import { type JurisdictionPolicy, jurisdictionName, standsOut, statusLabels } from './policy-model.ts';

/** Every jurisdiction's policy in force, the text alternative to the map; non-accepting rows stand out. */
export function PolicyTable(props: Readonly<{ policies: readonly JurisdictionPolicy[]; id: string }>) {
  return (
    <TableScroll label={'Jurisdiction policies in force'}>
      <table class="data policies" id={props.id}>
        <caption>Jurisdiction policies in force</caption>
        <thead>
          <tr>
            <th scope="col">Jurisdiction</th>
            <th scope="col">Status</th>
            <th scope="col">Since</th>
            <th scope="col">Public statement</th>
          </tr>
        </thead>
        <tbody>
          {props.policies.map((p) => {
            const status = p.current.status;
            return (
              <tr key={p.jurisdiction} class={standsOut(status) ? 'stands-out' : undefined}>
                <th scope="row">
                  <Link href={`/review/policy/${p.jurisdiction}`}>{jurisdictionName(p.jurisdiction)}</Link>
                </th>
                <td>
                  <span class={`status status-${status}`}>{statusLabels[status]}</span>
                  {p.scheduled.length > 0 && (
                    <span class="hint">
                      {' '}
                      · change to {statusLabels[p.scheduled[0]?.status ?? status]} scheduled
                    </span>
                  )}
                </td>
                <td>{when(p.current.effectiveFrom)}</td>
                <td>{p.current.statement}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
