import { useState } from 'preact/hooks';
import { Field } from '../../ui/field.tsx';
import { can } from '../permissions.ts';
import type { StaffRole } from '../staff-session.ts';
import { type Act, ActionForm, CheckboxGroup } from './action-form.tsx';
import { type CaseRecord, when, words } from './case-record.ts';
import { who } from './people.ts';
import { type Outcome, outcomeLabels, reasonCodeLabels } from './reason-codes.ts';

type Props = Readonly<{
  state: string;
  record: CaseRecord;
  roles: readonly StaffRole[];
  me: string;
  act: Act;
}>;

/** The decision with two signatures, production, the deferred notice, challenges and preservation. */
export function DecisionActions(props: Props) {
  const { state, record, roles, act } = props;
  switch (state) {
    case 'decision':
      return record.proposal === null ? (
        can(roles, 'propose_decision') ? (
          <ProposeForm record={record} act={act} />
        ) : null
      ) : can(roles, 'countersign_decision') ? (
        <CountersignForm {...props} />
      ) : null;
    case 'notice':
    case 'notice_deferred':
      return (
        <>
          {can(roles, 'produce') && <ProduceForm record={record} act={act} />}
          {state === 'notice_deferred' && can(roles, 'manage_notices') && (
            <SendNoticeForm record={record} act={act} />
          )}
        </>
      );
    case 'production':
      return (
        <>
          {record.notice?.status === 'deferred' && can(roles, 'manage_notices') && (
            <SendNoticeForm record={record} act={act} />
          )}
          {can(roles, 'close_case') && (
            <ActionForm title="Close the request" submit="Close" act={act} body={() => ({ type: 'close' })} />
          )}
        </>
      );
    case 'challenged':
      return can(roles, 'challenge') ? (
        <>
          <ActionForm
            title="Challenge upheld"
            explain="The request goes back to a decision, which needs two new signatures."
            submit="Back to decision"
            act={act}
            body={() => ({ type: 'resolve_challenge', quashed: false })}
          />
          <ActionForm
            title="Challenge succeeded"
            submit="Quash the request"
            tone="danger"
            act={act}
            body={() => ({ type: 'resolve_challenge', quashed: true })}
          />
        </>
      ) : null;
    default:
      return null;
  }
}

function ProposeForm(props: Readonly<{ record: CaseRecord; act: Act }>) {
  const { record } = props;
  const allowed = record.gate.allowedCategories;
  const [outcome, setOutcome] = useState<Outcome>('disclose');
  const [reasons, setReasons] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  return (
    <ActionForm
      title="Propose a decision (first signature)"
      explain="Another staff member must countersign before anything happens; the gate is checked again then."
      submit="Propose the decision"
      act={props.act}
      body={() => ({
        type: 'propose_decision',
        outcome,
        reasonCodes: reasons,
        categories: outcome === 'disclose' ? categories : [],
      })}
    >
      <fieldset class="checks">
        <legend>Outcome</legend>
        {Object.entries(outcomeLabels).map(([value, label]) => (
          <label key={value} class="check">
            <input
              type="radio"
              name="outcome"
              value={value}
              checked={outcome === value}
              onChange={() => setOutcome(outcomeOf(value))}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      {outcome === 'disclose' && (
        <CheckboxGroup
          legend="Categories to disclose"
          options={record.categories.map((c) => ({
            value: c,
            label: allowed.includes(c) ? words(c) : `${words(c)} (not allowed by the gate)`,
          }))}
          chosen={categories}
          onChange={setCategories}
        />
      )}
      <CheckboxGroup
        legend="Reason codes"
        options={Object.entries(reasonCodeLabels).map(([value, label]) => ({ value, label }))}
        chosen={reasons}
        onChange={setReasons}
      />
    </ActionForm>
  );
}

function outcomeOf(value: string): Outcome {
  return value === 'reject' || value === 'no_data' || value === 'preserve' || value === 'restrict_account'
    ? value
    : 'disclose';
}

function CountersignForm(props: Props) {
  const proposal = props.record.proposal;
  const mine = proposal !== null && proposal.proposedBy === props.me;
  return (
    <ActionForm
      title="Countersign (second signature)"
      explain={
        mine ? (
          <strong>
            You proposed this decision. The server refuses a second signature from the person who gave the
            first: another reviewer must countersign.
          </strong>
        ) : (
          `Proposed by ${who(proposal?.proposedBy ?? '', props.me)}. Your signature releases the decision; the jurisdiction gate is evaluated again.`
        )
      }
      submit="Countersign"
      act={props.act}
      body={() => ({ type: 'countersign' })}
    />
  );
}

function ProduceForm(props: Readonly<{ record: CaseRecord; act: Act }>) {
  const { record } = props;
  const approved = record.decision?.categories ?? [];
  const [categories, setCategories] = useState<string[]>([...approved]);
  const [from, setFrom] = useState(record.dateRange.from);
  const [to, setTo] = useState(record.dateRange.to);
  const window = record.notice?.objectionWindowEndsAt ?? null;
  return (
    <ActionForm
      title="Produce"
      explain={
        window === null
          ? 'Builds the production package from the approved categories within the requested period.'
          : `The member may object until ${when(window)}; production is refused before then.`
      }
      submit="Produce"
      act={props.act}
      body={() => ({ type: 'produce', categories, dateRange: { from, to } })}
    >
      <CheckboxGroup
        legend="Approved categories to produce"
        options={approved.map((c) => ({ value: c, label: words(c) }))}
        chosen={categories}
        onChange={setCategories}
      />
      <Field label="From (YYYY-MM-DD)" value={from} onInput={setFrom} required pattern="\d{4}-\d{2}-\d{2}" />
      <Field label="To (YYYY-MM-DD)" value={to} onInput={setTo} required pattern="\d{4}-\d{2}-\d{2}" />
    </ActionForm>
  );
}

function SendNoticeForm(props: Readonly<{ record: CaseRecord; act: Act }>) {
  return (
    <ActionForm
      title="Send the deferred notice"
      explain={`Refused while the order binds; it falls due ${when(props.record.notice?.dueAt)}. The server's sweeper also sends it then.`}
      submit="Send the notice now"
      tone="secondary"
      act={props.act}
      body={() => ({ type: 'send_deferred_notice' })}
    />
  );
}
