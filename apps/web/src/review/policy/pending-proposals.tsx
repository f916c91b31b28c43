import type { RouteResponse } from '@parley/protocol';
import { useState } from 'preact/hooks';
import { when } from '../case/case-record.ts';
import { who } from '../case/people.ts';
import { can } from '../permissions.ts';
import { RefusalView } from '../refusal-view.tsx';
import { useSignedIn, useStaff } from '../review-context.ts';
import { useStaffAction } from '../use-staff-action.ts';
import { jurisdictionName, type PolicyProposal, statusLabels } from './policy-model.ts';

/** Proposed changes waiting for their second sign-off, which must come from another staff member. */
export function PendingProposals(
  props: Readonly<{ proposals: readonly PolicyProposal[]; onSigned: () => Promise<void> }>,
) {
  const pending = props.proposals.filter((p) => p.state === 'pending');
  return (
    <section class="card" aria-labelledby="pending-heading">
      <h2 id="pending-heading">Waiting for sign-off ({pending.length})</h2>
      <p class="hint">
        A change becomes a policy version only when a second staff member with the sign-off right signs it.
        Nobody signs off their own proposal.
      </p>
      {pending.length === 0 ? (
        <p class="empty">No proposal is waiting.</p>
      ) : (
        <ul class="proposals">
          {pending.map((p) => (
            <Proposal key={p.id} proposal={p} onSigned={props.onSigned} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Proposal(props: Readonly<{ proposal: PolicyProposal; onSigned: () => Promise<void> }>) {
  const { api } = useStaff();
  const session = useSignedIn();
  const p = props.proposal;
  const [resumed, setResumed] = useState<RouteResponse<'signOffPolicy'>['resumed'] | undefined>(undefined);
  const signOff = useStaffAction(async () => {
    const signed = await api.call('signOffPolicy', { params: { proposalId: p.id } });
    setResumed(signed.resumed);
    await props.onSigned();
  });
  const mine = p.proposedBy === session.session.id;
  const label = `${jurisdictionName(p.jurisdiction)}: ${statusLabels[p.status]}`;
  return (
    <li class="proposal">
      <p>
        <strong>{label}</strong>
        {p.historical && <span class="tag">historical record</span>}
        <br />
        <span class="muted">
          Proposed by {who(p.proposedBy, session.session.id)}, {when(p.proposedAt)}
        </span>
      </p>
      {can(session.session.roles, 'sign_off_policy') && (
        <>
          {mine && <p class="hint">You proposed this change: another staff member must sign it off.</p>}
          <button
            type="button"
            onClick={() => void signOff.run()}
            disabled={signOff.busy}
            aria-label={`Sign off ${label}`}
          >
            Sign off
          </button>
        </>
      )}
      {resumed && resumed.length > 0 && <p role="status">Released held requests: {resumed.join(', ')}</p>}
      <RefusalView refusal={signOff.refusal} />
    </li>
  );
}
