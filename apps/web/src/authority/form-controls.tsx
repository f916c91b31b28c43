import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** The ids an error and a hint get, joined for aria-describedby (as `ui/field.tsx` does for inputs). */
function describedBy(id: string, hint: string | undefined, error: string | undefined) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function HintAndError(
  props: Readonly<{ id: string; hint?: string | undefined; error?: string | undefined }>,
) {
  return (
    <>
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </>
  );
}

/** A labelled select; its hint and error are announced with it. */
export function SelectField(
  props: Readonly<{
    label: string;
    value: string;
    options: readonly (readonly [value: string, label: string])[];
    onChange: (value: string) => void;
    hint?: string;
    error?: string | undefined;
    placeholder?: string;
  }>,
) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      <select
        id={id}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A group of controls under one legend (checkboxes, a target list, a date range). Its error is announced
 * with the group; `invalid` lets the form move focus to the group's first control.
 */
export function FieldGroup(
  props: Readonly<{
    legend: string;
    hint?: string | undefined;
    error?: string | undefined;
    children: ComponentChildren;
  }>,
) {
  const id = useId();
  return (
    <fieldset
      class={props.error ? 'au-group au-invalid' : 'au-group'}
      aria-describedby={describedBy(id, props.hint, props.error)}
    >
      <legend>{props.legend}</legend>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      {props.children}
    </fieldset>
  );
}

/** A checkbox with its label beside it. */
export function Checkbox(
  props: Readonly<{
    label: ComponentChildren;
    checked: boolean;
    onChange: (checked: boolean) => void;
    describedBy?: string | undefined;
  }>,
) {
  const id = useId();
  return (
    <div class="au-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.describedBy}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** Moves focus to the first control marked invalid in `form`, so keyboard users land on what to fix. */
export function focusFirstError(form: HTMLFormElement | null): void {
  form
    ?.querySelector<HTMLElement>(
      '[aria-invalid="true"], fieldset.au-invalid input, fieldset.au-invalid select, fieldset.au-invalid textarea',
    )
    ?.focus();
}
