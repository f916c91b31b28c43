import { RefusalView } from '../refusal-view.tsx';
import { useStaff } from '../review-context.ts';
import { useResource } from '../use-resource.ts';
import { OpenJurisdiction } from './open-jurisdiction.tsx';
import { PendingProposals } from './pending-proposals.tsx';
import { byJurisdiction } from './policy-model.ts';
import { PolicyTable } from './policy-table.tsx';
import { WorldMap } from './world-map.tsx';

/** Jurisdiction policies: the map, the same statuses as a table, and the changes waiting for sign-off. */
export function PolicyScreen() {
  const { api } = useStaff();
  const list = useResource('policies', () => api.call('listPolicies'));
  const policies = list.data ? byJurisdiction(list.data.policies, Date.now()) : [];
  return (
    <>
      <h1 tabIndex={-1}>Jurisdiction policies</h1>
      <p class="lede">
        Paused, redirected, suspended and exited jurisdictions stand out: their requests are recorded and
        counted, and nothing is produced. Choose a jurisdiction to see its versions and assessments or to
        propose a change.
      </p>
      <RefusalView refusal={list.refusal} />
      {list.data === undefined ? (
        list.loading && <p role="status">Loading policies…</p>
      ) : (
        <>
          <PendingProposals proposals={list.data.proposals} onSigned={list.reload} />
          <WorldMap policies={policies} describedBy="policy-table" />
          <PolicyTable policies={policies} id="policy-table" />
          <OpenJurisdiction />
        </>
      )}
    </>
  );
}
