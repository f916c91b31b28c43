import { useId } from 'preact/hooks';

type FieldProps = Readonly<{
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  autoComplete?: string;
  pattern?: string;
  placeholder?: string;
  multiline?: boolean;
  /** `password` keeps a secret off the screen and out of plain-text autofill; `email` brings the right keyboard. */
  type?: 'text' | 'password' | 'email';
}>;

/** A labelled input whose hint and error are announced with it (aria-describedby). */
export function Field(props: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  const common = {
    id,
    value: props.value,
    required: props.required ?? false,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': described || undefined,
    placeholder: props.placeholder,
  };
  const input = { ...common, autoComplete: props.autoComplete ?? 'off', pattern: props.pattern };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.multiline ? (
        <textarea {...common} rows={3} onInput={(e) => props.onInput(e.currentTarget.value)} />
      ) : props.type === 'password' ? (
        <input {...input} type="password" onInput={(e) => props.onInput(e.currentTarget.value)} />
      ) : props.type === 'email' ? (
        <input {...input} type="email" onInput={(e) => props.onInput(e.currentTarget.value)} />
      ) : (
        <input {...input} type="text" onInput={(e) => props.onInput(e.currentTarget.value)} />
      )}
      {props.error && (
        <p class="error" id={errorId} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** A form-level error, announced when it appears. */
export function FormError(props: Readonly<{ error: string | undefined }>) {
  return props.error ? (
    <p class="error" role="alert">
      {props.error}
    </p>
  ) : null;
}
