import { Link } from '../../router/link.tsx';
import { when, words } from '../case/case-record.ts';
import { who } from '../case/people.ts';
import { can } from '../permissions.ts';
import { RefusalView } from '../refusal-view.tsx';
import { useSignedIn, useStaff } from '../review-context.ts';
import { useResource } from '../use-resource.ts';
import { assessmentOf } from './assessment.ts';
import { PendingProposals } from './pending-proposals.tsx';
import {
  byJurisdiction,
  jurisdictionName,
  type PolicyVersion,
  standsOut,
  statusLabels,
} from './policy-model.ts';
import { ProposalForm } from './proposal-form.tsx';

/** One jurisdiction: every version with its effective date and assessment, pending changes, a new proposal. */
export function JurisdictionScreen(props: Readonly<{ jurisdiction: string }>) {
  const { api } = useStaff();
  const session = useSignedIn();
  const list = useResource('policies', () => api.call('listPolicies'));
  const code = props.jurisdiction.toUpperCase();
  const entry = list.data
    ? byJurisdiction(list.data.policies, Date.now()).find((p) => p.jurisdiction === code)
    : undefined;
  const me = session.session.id;
  return (
    <>
      <p>
        <Link href="/review/policy">All jurisdictions</Link>
      </p>
      <h1 tabIndex={-1}>{jurisdictionName(code)}</h1>
      <RefusalView refusal={list.refusal} />
      {list.data === undefined ? (
        list.loading && <p role="status">Loading policies…</p>
      ) : (
        <>
          {entry ? (
            <p class={standsOut(entry.current.status) ? 'notice-banner held-banner' : 'lede'}>
              <strong>{statusLabels[entry.current.status]}</strong> since {when(entry.current.effectiveFrom)}:
              “{entry.current.statement}”
            </p>
          ) : (
            <p class="lede">
              No policy has been recorded for {code}: its requests follow no jurisdiction policy.
            </p>
          )}
          <PendingProposals
            proposals={list.data.proposals.filter((p) => p.jurisdiction === code)}
            onSigned={list.reload}
          />
          <section aria-labelledby="versions-heading">
            <h2 id="versions-heading">Versions</h2>
            <ol class="versions" reversed>
              {[...(entry?.versions ?? [])].reverse().map((v) => (
                <Version key={v.version} version={v} me={me} />
              ))}
            </ol>
          </section>
          {can(session.session.roles, 'propose_policy') && (
            <ProposalForm jurisdiction={code} current={entry?.current} onProposed={list.reload} />
          )}
        </>
      )}
    </>
  );
}

function Version(props: Readonly<{ version: PolicyVersion; me: string }>) {
  const v = props.version;
  const a = assessmentOf(v.assessment);
  return (
    <li class="card version">
      <h3>
        Version {v.version}: <span class={`status status-${v.status}`}>{statusLabels[v.status]}</span>
      </h3>
      <dl class="facts">
        <dt>Effective from</dt>
        <dd>{when(v.effectiveFrom)}</dd>
        <dt>Applies to</dt>
        <dd>
          {words(v.scope)} · emergencies: {words(v.emergencyRule)}
        </dd>
        <dt>Statement</dt>
        <dd>{v.statement}</dd>
        <dt>Signatures</dt>
        <dd>
          proposed by {who(v.proposedBy, props.me)}, signed off by {who(v.signedOffBy, props.me)}
        </dd>
        {v.historical && (
          <>
            <dt>Historical record</dt>
            <dd>
              recorded {when(v.historical.recordedAt)} from {v.historical.provenance}
            </dd>
          </>
        )}
      </dl>
      {a && (
        <details>
          <summary>Due-diligence assessment (next review {a.nextReviewDate})</summary>
          <dl class="facts">
            <dt>Trigger</dt>
            <dd>
              {a.trigger} ({a.triggerDate})
            </dd>
            <dt>Effect on privacy and expression</dt>
            <dd>{a.effectOnPrivacyAndExpression}</dd>
            <dt>Effect on products</dt>
            <dd>{a.effectOnProducts}</dd>
            <dt>Affected groups</dt>
            <dd>{a.affectedGroups.join('; ')}</dd>
            <dt>Experts consulted</dt>
            <dd>{a.expertsConsulted.join('; ')}</dd>
            <dt>Mitigations</dt>
            <dd>{a.mitigations.join('; ')}</dd>
            <dt>Recommendation</dt>
            <dd>{a.recommendation}</dd>
            <dt>Senior sign-off</dt>
            <dd>
              {a.seniorSignOff.name}, {a.seniorSignOff.title}, {a.seniorSignOff.date}
            </dd>
          </dl>
        </details>
      )}
    </li>
  );
}
