import type { CaseActionBody } from '@parley/protocol';
import type { ComponentChildren } from 'preact';
import { RefusalView } from '../refusal-view.tsx';
import { useStaffAction } from '../use-staff-action.ts';

export type Act = (body: CaseActionBody) => Promise<void>;

type ActionFormProps = Readonly<{
  title: string;
  explain?: ComponentChildren;
  submit: string;
  tone?: 'danger' | 'secondary';
  act: Act;
  body: () => CaseActionBody;
  children?: ComponentChildren;
}>;

/**
 * One lifecycle action as a small form: what it does, its fields, one button, and the server's refusal next
 * to it when there is one (the server decides; the console only offers).
 */
export function ActionForm(props: ActionFormProps) {
  const action = useStaffAction(() => props.act(props.body()));
  return (
    <form
      class="action"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run();
      }}
    >
      <h3>{props.title}</h3>
      {props.explain && <p class="hint">{props.explain}</p>}
      {props.children}
      <button type="submit" class={props.tone} disabled={action.busy}>
        {props.submit}
      </button>
      <RefusalView refusal={action.refusal} />
    </form>
  );
}

/** A labelled group of checkboxes (categories, reason codes) that keyboard users tab through. */
export function CheckboxGroup(
  props: Readonly<{
    legend: string;
    options: readonly Readonly<{ value: string; label: string }>[];
    chosen: readonly string[];
    onChange: (chosen: string[]) => void;
  }>,
) {
  return (
    <fieldset class="checks">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.value} class="check">
          <input
            type="checkbox"
            checked={props.chosen.includes(o.value)}
            onChange={(e) =>
              props.onChange(
                e.currentTarget.checked
                  ? [...props.chosen, o.value]
                  : props.chosen.filter((c) => c !== o.value),
              )
            }
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}
