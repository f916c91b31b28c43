import { useState } from 'preact/hooks';
import { Field } from '../../ui/field.tsx';
import { can } from '../permissions.ts';
import type { StaffRole } from '../staff-session.ts';
import { type Act, ActionForm } from './action-form.tsx';
import type { CaseRecord } from './case-record.ts';
import { reasonCodeLabels } from './reason-codes.ts';

type Props = Readonly<{ state: string; record: CaseRecord; roles: readonly StaffRole[]; act: Act }>;

/** The steps before a decision: triage, call-back, gate, legal and human-rights review, clarification. */
export function ReviewActions(props: Props) {
  const { state, roles, act } = props;
  switch (state) {
    case 'held_by_policy':
      return <HeldActions {...props} />;
    case 'received':
      return can(roles, 'triage') ? (
        <ActionForm title="Start triage" submit="Start triage" act={act} body={() => ({ type: 'triage' })} />
      ) : null;
    case 'triage':
      return can(roles, 'triage') ? (
        <>
          <ActionForm
            title="Requester verified"
            explain="The officer and agency are who they say; the request goes on to the gate (or to call-back verification for an emergency)."
            submit="Requester verified"
            act={act}
            body={() => ({ type: 'complete_triage', requesterVerified: true })}
          />
          <ActionForm
            title="Requester not verified"
            explain="Refuses the request on one signature: refusing protects the member."
            submit="Reject: requester not verified"
            tone="danger"
            act={act}
            body={() => ({ type: 'complete_triage', requesterVerified: false })}
          />
        </>
      ) : null;
    case 'emergency_verification':
      return can(roles, 'verify_emergency') ? <CallbackForm act={act} /> : null;
    case 'gate':
      return can(roles, 'run_gate') ? (
        <ActionForm
          title="Run the jurisdiction gate"
          explain="Evaluates the jurisdiction policies as they stand now; a paused jurisdiction holds the request."
          submit="Run the gate"
          act={act}
          body={() => ({ type: 'run_gate' })}
        />
      ) : null;
    case 'legal_review':
      return <LegalReviewActions {...props} />;
    case 'human_rights_review':
      return can(roles, 'review_human_rights') ? <HumanRightsForm act={act} /> : null;
    default:
      return null;
  }
}

function HeldActions(props: Props) {
  const { roles, act, record } = props;
  const policy = record.gate.decisive;
  return (
    <>
      <p class="notice-banner held-banner">
        <strong>Held by policy.</strong>{' '}
        {policy
          ? `${policy.jurisdiction} is ${policy.status}: “${policy.statement}”`
          : 'A jurisdiction policy holds it.'}{' '}
        The request is recorded, acknowledged and counted; nobody reviews it or produces data while the policy
        holds.
      </p>
      {can(roles, 'read_cases') && (
        <ActionForm
          title="Review anyway"
          explain="The server refuses every review step on a held request; trying records the refusal in the audit trail."
          submit="Start triage"
          act={act}
          body={() => ({ type: 'triage' })}
        />
      )}
      {can(roles, 'resume_held') && (
        <ActionForm
          title="Resume"
          explain="Only when a signed policy now lets the request through; the gate decides again."
          submit="Resume the request"
          act={act}
          body={() => ({ type: 'resume' })}
        />
      )}
    </>
  );
}

function CallbackForm(props: Readonly<{ act: Act }>) {
  const [number, setNumber] = useState('');
  return (
    <ActionForm
      title="Record the call-back"
      explain="Call the agency's registered number, never a number from the request."
      submit="Confirmed by call-back"
      act={props.act}
      body={() => ({ type: 'record_callback', numberDialed: number, confirmed: true })}
    >
      <Field label="Number dialled" value={number} onInput={setNumber} required autoComplete="off" />
    </ActionForm>
  );
}

function LegalReviewActions(props: Props) {
  const { roles, act } = props;
  const [notes, setNotes] = useState('');
  const [question, setQuestion] = useState('');
  return (
    <>
      {can(roles, 'review_legal') && (
        <ActionForm
          title="Complete legal review"
          explain="Record why the instrument is valid and what it reaches. A flagged request goes on to human-rights review."
          submit="Complete legal review"
          act={act}
          body={() => ({ type: 'complete_legal_review', notes })}
        >
          <Field label="Review notes" value={notes} onInput={setNotes} required multiline />
        </ActionForm>
      )}
      {can(roles, 'request_clarification') && (
        <ActionForm
          title="Ask the officer for clarification"
          explain="The officer may only narrow the request in answer."
          submit="Send the question"
          tone="secondary"
          act={act}
          body={() => ({ type: 'request_clarification', question })}
        >
          <Field label="Question for the officer" value={question} onInput={setQuestion} required multiline />
        </ActionForm>
      )}
    </>
  );
}

function HumanRightsForm(props: Readonly<{ act: Act }>) {
  const [notes, setNotes] = useState('');
  return (
    <>
      <ActionForm
        title="Clear after human-rights review"
        submit="Cleared"
        act={props.act}
        body={() => ({ type: 'complete_human_rights_review', cleared: true, notes })}
      >
        <Field label="Human-rights review notes" value={notes} onInput={setNotes} required multiline />
      </ActionForm>
      <ActionForm
        title="Refuse on human-rights grounds"
        explain={`Rejects the request with the reason “${reasonCodeLabels.human_rights_risk}”, on one signature.`}
        submit="Refuse"
        tone="danger"
        act={props.act}
        body={() => ({
          type: 'complete_human_rights_review',
          cleared: false,
          reasonCode: 'human_rights_risk',
          notes,
        })}
      />
    </>
  );
}
