import { useEffect, useRef, useState } from 'preact/hooks';
import { Field, FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import type { CaseView, OfficerPortal } from '../officer-portal.ts';

type ActionProps = Readonly<{ portal: OfficerPortal; view: CaseView; onChanged: (view: CaseView) => void }>;

/** Withdrawal ends the request for good and is published in the log, so it asks once more. */
export function WithdrawPanel(props: ActionProps) {
  const { portal, view, onChanged } = props;
  const [confirming, setConfirming] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirm.current?.focus();
  }, [confirming]);
  const withdraw = useAction(async () => {
    onChanged(await portal.act(view.reference, { type: 'withdraw' }));
    setConfirming(false);
  });
  return (
    <section class="card" aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading">Withdraw</h2>
      {confirming ? (
        <div class="au-confirm">
          <p>
            Withdraw request <span class="code">{view.reference}</span>? Review stops and no data will be
            produced. This cannot be undone, and the withdrawal is counted in the public report.
          </p>
          <button
            ref={confirm}
            type="button"
            class="danger"
            onClick={() => void withdraw.run()}
            disabled={withdraw.busy}
          >
            Yes, withdraw the request
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            Keep the request
          </button>
        </div>
      ) : (
        <button type="button" class="secondary" onClick={() => setConfirming(true)}>
          Withdraw this request…
        </button>
      )}
      <FormError error={withdraw.error} />
    </section>
  );
}

/** The reviewer's open question; an answer may only narrow the request, never widen it. */
export function ClarificationPanel(props: ActionProps & Readonly<{ question: string }>) {
  const { portal, view, onChanged } = props;
  const [answer, setAnswer] = useState('');
  const send = useAction(async () => {
    onChanged(await portal.act(view.reference, { type: 'answer_clarification', answer: answer.trim() }));
    setAnswer('');
  });
  return (
    <section class="card au-clarification" aria-labelledby="clarification-heading">
      <h2 id="clarification-heading">Parley asks for a clarification</h2>
      <blockquote>{props.question}</blockquote>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send.run();
        }}
      >
        <Field label="Your answer" value={answer} onInput={setAnswer} multiline required />
        <FormError error={send.error} />
        <button type="submit" disabled={send.busy || answer.trim() === ''}>
          Send the answer
        </button>
      </form>
    </section>
  );
}
