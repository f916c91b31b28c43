import { TableScroll } from '../../ui/table-scroll.tsx';
import { type CaseRecord, when } from './case-record.ts';
import { stateLabel } from './case-states.ts';
import { who } from './people.ts';

/** The case's own trail: every transition, who made it and when (the full audit log is for auditors). */
export function CaseHistory(props: Readonly<{ record: CaseRecord; me: string }>) {
  return (
    // Not a landmark itself: the table's scrolling region already carries this name (axe landmark-unique).
    <section>
      <h2>Audit trail of this request</h2>
      <TableScroll label={'Audit trail of this request'}>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {props.record.history.map((h) => (
              <tr key={`${h.at}-${h.action}-${h.to}`}>
                <td>{when(h.at)}</td>
                <td>{h.action.replaceAll('_', ' ')}</td>
                <td>{stateLabel(h.from)}</td>
                <td>{stateLabel(h.to)}</td>
                <td>{who(h.actor, props.me)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
