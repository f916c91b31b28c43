import { Field } from '../../ui/field.tsx';
import type { AssessmentDraft } from './assessment.ts';

/** The due-diligence assessment's fields; lists are one entry per line. */
export function AssessmentFields(
  props: Readonly<{ value: AssessmentDraft; onChange: (a: AssessmentDraft) => void }>,
) {
  const a = props.value;
  const set = (patch: Partial<AssessmentDraft>) => props.onChange({ ...a, ...patch });
  const day = { pattern: '\\d{4}-\\d{2}-\\d{2}', hint: 'YYYY-MM-DD', required: true } as const;
  return (
    <fieldset class="assessment">
      <legend>Due-diligence assessment</legend>
      <p class="hint">
        Required for every status but Accepting. It is kept with the version and read by auditors.
      </p>
      <Field label="Trigger" value={a.trigger} onInput={(trigger) => set({ trigger })} required />
      <Field
        label="Trigger date"
        value={a.triggerDate}
        onInput={(triggerDate) => set({ triggerDate })}
        {...day}
      />
      <Field
        label="Effect on privacy and expression"
        value={a.effectOnPrivacyAndExpression}
        onInput={(effectOnPrivacyAndExpression) => set({ effectOnPrivacyAndExpression })}
        required
        multiline
      />
      <Field
        label="Effect on products"
        value={a.effectOnProducts}
        onInput={(effectOnProducts) => set({ effectOnProducts })}
        required
        multiline
      />
      <Field
        label="Affected groups"
        hint="One per line."
        value={a.affectedGroups}
        onInput={(affectedGroups) => set({ affectedGroups })}
        required
        multiline
      />
      <Field
        label="Experts consulted"
        hint="One per line."
        value={a.expertsConsulted}
        onInput={(expertsConsulted) => set({ expertsConsulted })}
        required
        multiline
      />
      <Field
        label="Mitigations"
        hint="One per line."
        value={a.mitigations}
        onInput={(mitigations) => set({ mitigations })}
        required
        multiline
      />
      <Field
        label="Recommendation"
        value={a.recommendation}
        onInput={(recommendation) => set({ recommendation })}
        required
        multiline
      />
      <Field
        label="Senior sign-off: name"
        value={a.seniorSignOff.name}
        onInput={(name) => set({ seniorSignOff: { ...a.seniorSignOff, name } })}
        required
      />
      <Field
        label="Senior sign-off: title"
        value={a.seniorSignOff.title}
        onInput={(title) => set({ seniorSignOff: { ...a.seniorSignOff, title } })}
        required
      />
      <Field
        label="Senior sign-off: date"
        value={a.seniorSignOff.date}
        onInput={(date) => set({ seniorSignOff: { ...a.seniorSignOff, date } })}
        {...day}
      />
      <Field
        label="Next review date"
        value={a.nextReviewDate}
        onInput={(nextReviewDate) => set({ nextReviewDate })}
        {...day}
      />
    </fieldset>
  );
}
