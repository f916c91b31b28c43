import { Field } from '../../ui/field.tsx';
import type { AssessmentDraft } from './assessment.ts';

type TextKey = Exclude<keyof AssessmentDraft, 'seniorSignOff'>;
type SignOffKey = keyof AssessmentDraft['seniorSignOff'];

const day = { pattern: '\\d{4}-\\d{2}-\\d{2}', hint: 'YYYY-MM-DD' } as const;
const oneEach = { multiline: true, hint: 'One per line.' } as const;

/** The assessment's fields in the order governance.md lists them. */
const fields: readonly Readonly<{
  name: TextKey;
  label: string;
  multiline?: boolean;
  hint?: string;
  pattern?: string;
}>[] = [
  { name: 'trigger', label: 'Trigger' },
  { name: 'triggerDate', label: 'Trigger date', ...day },
  { name: 'effectOnPrivacyAndExpression', label: 'Effect on privacy and expression', multiline: true },
  { name: 'effectOnProducts', label: 'Effect on products', multiline: true },
  { name: 'affectedGroups', label: 'Affected groups', ...oneEach },
  { name: 'expertsConsulted', label: 'Experts consulted', ...oneEach },
  { name: 'mitigations', label: 'Mitigations', ...oneEach },
  { name: 'recommendation', label: 'Recommendation', multiline: true },
];
const signOff: readonly Readonly<{ name: SignOffKey; label: string; hint?: string; pattern?: string }>[] = [
  { name: 'name', label: 'Senior sign-off: name' },
  { name: 'title', label: 'Senior sign-off: title' },
  { name: 'date', label: 'Senior sign-off: date', ...day },
];

/** The due-diligence assessment every status but ACCEPT needs; lists are one entry per line. */
export function AssessmentFields(
  props: Readonly<{ value: AssessmentDraft; onChange: (a: AssessmentDraft) => void }>,
) {
  const a = props.value;
  return (
    <fieldset class="assessment">
      <legend>Due-diligence assessment</legend>
      <p class="hint">
        Required for every status but Accepting. It is kept with the version and read by auditors.
      </p>
      {fields.map((f) => (
        <Field
          key={f.name}
          label={f.label}
          hint={f.hint}
          pattern={f.pattern}
          multiline={f.multiline}
          required
          value={a[f.name]}
          onInput={(v) => props.onChange({ ...a, [f.name]: v })}
        />
      ))}
      {signOff.map((f) => (
        <Field
          key={f.name}
          label={f.label}
          hint={f.hint}
          pattern={f.pattern}
          required
          value={a.seniorSignOff[f.name]}
          onInput={(v) => props.onChange({ ...a, seniorSignOff: { ...a.seniorSignOff, [f.name]: v } })}
        />
      ))}
      <Field
        label="Next review date"
        {...day}
        required
        value={a.nextReviewDate}
        onInput={(nextReviewDate) => props.onChange({ ...a, nextReviewDate })}
      />
    </fieldset>
  );
}
