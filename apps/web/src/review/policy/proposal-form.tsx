import type { RouteInput } from '@parley/protocol';
import { useId, useState } from 'preact/hooks';
import { Field } from '../../ui/field.tsx';
import { RefusalView } from '../refusal-view.tsx';
import { useStaff } from '../review-context.ts';
import { useStaffAction } from '../use-staff-action.ts';
import {
  type AssessmentDraft,
  assessmentOf,
  assessmentOfDraft,
  draftOf,
  emptyAssessment,
} from './assessment.ts';
import { AssessmentFields } from './assessment-fields.tsx';
import { type PolicyStatus, type PolicyVersion, statusLabels } from './policy-model.ts';
import { isKey, SelectField } from './select-field.tsx';

type Body = RouteInput<'proposePolicy'>['body'];
const scopes = {
  both: 'Issued there and about members there',
  issuer: 'Issued there',
  target: 'About members there',
};
const statusOptions: Readonly<Record<PolicyStatus, string>> = {
  ACCEPT: `${statusLabels.ACCEPT} (ACCEPT)`,
  ACCEPT_RESTRICTED: `${statusLabels.ACCEPT_RESTRICTED} (ACCEPT_RESTRICTED)`,
  PAUSED: `${statusLabels.PAUSED} (PAUSED)`,
  REDIRECT_MLAT: `${statusLabels.REDIRECT_MLAT} (REDIRECT_MLAT)`,
  SUSPENDED: `${statusLabels.SUSPENDED} (SUSPENDED)`,
  EXITED: `${statusLabels.EXITED} (EXITED)`,
};
const emergencyRules = { allow: 'Allow', case_by_case: 'Case by case (human-rights review)', deny: 'Deny' };

/** Tomorrow at 00:00 UTC: a change may not take effect in the past. */
function tomorrow(): string {
  return new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Proposes a new version for one jurisdiction, starting from the version in force. A non-ACCEPT status needs
 * the assessment; a historical record (a decision taken before this deployment) also names its provenance.
 */
export function ProposalForm(
  props: Readonly<{
    jurisdiction: string;
    current: PolicyVersion | undefined;
    onProposed: () => Promise<void>;
  }>,
) {
  const { api } = useStaff();
  const c = props.current;
  const [status, setStatus] = useState<PolicyStatus>(c?.status ?? 'ACCEPT');
  const [scope, setScope] = useState<Body['scope']>(
    c !== undefined && isKey(scopes, c.scope) ? c.scope : 'both',
  );
  const [emergencyRule, setEmergencyRule] = useState<Body['emergencyRule']>(
    c !== undefined && isKey(emergencyRules, c.emergencyRule) ? c.emergencyRule : 'allow',
  );
  const [effectiveOn, setEffectiveOn] = useState(tomorrow());
  const [statement, setStatement] = useState(c?.statement ?? '');
  const [treatyNotice, setTreatyNotice] = useState(c?.treatyNotice ?? '');
  const [denylist, setDenylist] = useState(c?.offenceDenylist.join(', ') ?? '');
  const [assessment, setAssessment] = useState<AssessmentDraft>(
    draftOf(assessmentOf(c?.assessment) ?? emptyAssessment),
  );
  const [historical, setHistorical] = useState(false);
  const [provenance, setProvenance] = useState('');
  const [done, setDone] = useState<string | undefined>(undefined);
  const historicalId = useId();
  const propose = useStaffAction(async () => {
    setDone(undefined);
    const body: Body = {
      jurisdiction: props.jurisdiction,
      effectiveFrom: `${effectiveOn}T00:00:00Z`,
      status,
      scope,
      emergencyRule,
      statement,
      // The legal framework, restriction and preservation rule carry over from the version in force.
      ...(c === undefined
        ? {}
        : { framework: c.framework, restriction: c.restriction, preservationAllowed: c.preservationAllowed }),
      treatyNotice: status === 'REDIRECT_MLAT' && treatyNotice.trim() ? treatyNotice : null,
      offenceDenylist: denylist
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      assessment: status === 'ACCEPT' ? null : assessmentOfDraft(assessment),
    };
    const proposal = historical
      ? await api.call('importPolicy', { body: { ...body, provenance } })
      : await api.call('proposePolicy', { body });
    setDone(
      `Proposed ${statusLabels[proposal.status]} for ${proposal.jurisdiction}; it needs a second staff member's sign-off.`,
    );
    await props.onProposed();
  });
  return (
    <form
      class="card"
      aria-labelledby="propose-heading"
      onSubmit={(event) => {
        event.preventDefault();
        void propose.run();
      }}
    >
      <h2 id="propose-heading">Propose a change</h2>
      <p class="hint">
        The legal framework (instruments, deadlines, order regime), restriction and preservation rule carry
        over from the version in force; to change them, use <code>parley staff policy propose</code> with a
        JSON file.
      </p>
      <SelectField label="Status" options={statusOptions} value={status} onChange={setStatus} />
      <SelectField label="Applies to requests" options={scopes} value={scope} onChange={setScope} />
      <SelectField
        label="Emergency requests"
        options={emergencyRules}
        value={emergencyRule}
        onChange={setEmergencyRule}
      />
      <Field
        label="Takes effect on (UTC)"
        hint={
          historical ? 'YYYY-MM-DD; the past date the decision took effect.' : 'YYYY-MM-DD; not in the past.'
        }
        value={effectiveOn}
        onInput={setEffectiveOn}
        required
        pattern="\d{4}-\d{2}-\d{2}"
      />
      <Field label="Public statement" value={statement} onInput={setStatement} required multiline />
      {status === 'REDIRECT_MLAT' && (
        <Field label="Treaty notice for officers" value={treatyNotice} onInput={setTreatyNotice} multiline />
      )}
      <Field
        label="Offences that call for human-rights review"
        hint="Comma-separated, e.g. secession, subversion."
        value={denylist}
        onInput={setDenylist}
      />
      {status !== 'ACCEPT' && <AssessmentFields value={assessment} onChange={setAssessment} />}
      <div class="field">
        <label class="check" for={historicalId}>
          <input
            id={historicalId}
            type="checkbox"
            checked={historical}
            onChange={(e) => setHistorical(e.currentTarget.checked)}
          />{' '}
          Record a decision taken before this deployment (historical version)
        </label>
      </div>
      {historical && (
        <Field
          label="Provenance"
          hint="Where the record of that past decision comes from (minutes, the published statement)."
          value={provenance}
          onInput={setProvenance}
          required
        />
      )}
      <button type="submit" disabled={propose.busy}>
        Propose
      </button>
      {done && (
        <p class="ok" role="status">
          {done}
        </p>
      )}
      <RefusalView refusal={propose.refusal} />
    </form>
  );
}
