import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app-context.ts';
import { Field, FormError } from '../../ui/field.tsx';
import { useAction } from '../../ui/use-action.ts';
import { Checkbox, FieldGroup, focusFirstError, SelectField } from '../form-controls.tsx';
import { intakeProblems } from '../officer-errors.ts';
import type { OfficerPortal } from '../officer-portal.ts';
import { attestationText, type RequestDraft, slotOf, toSubmission } from '../request-draft.ts';
import { requestTypeLabels } from '../vocabulary.ts';
import {
  CategoriesSection,
  InstrumentSection,
  type SectionProps,
  TargetsSection,
} from './request-sections.tsx';

/**
 * The request form. The server's intake is the one validator: every problem it names is shown next to its
 * field (announced through aria-describedby), focus moves to the first, and what the officer typed stays.
 */
export function RequestForm(props: Readonly<{ portal: OfficerPortal }>) {
  const { portal } = props;
  const { router } = useApp();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [generalProblems, setGeneralProblems] = useState<readonly string[]>([]);
  const catalogue = useAction(() => portal.loadCatalogue());
  useEffect(() => {
    void catalogue.run();
  }, [portal]);
  useEffect(() => focusFirstError(form.current), [errors]);
  const draft = portal.draft.value;
  const set = (patch: Partial<RequestDraft>) => {
    portal.draft.value = { ...portal.draft.value, ...patch };
  };
  const submit = useAction(async () => {
    setErrors({});
    setGeneralProblems([]);
    try {
      const ack = await portal.submit(toSubmission(draft));
      router.navigate(`/authority/requests/${encodeURIComponent(ack.reference)}/received`);
    } catch (error) {
      const problems = intakeProblems(error);
      if (problems === undefined) throw error;
      const bySlot: Record<string, string> = {};
      const general: string[] = [];
      for (const p of problems) {
        const slot = slotOf(p.field);
        if (slot === '' || !knownSlots.has(slot.replace(/\.\d+$/, ''))) general.push(p.message);
        else bySlot[slot] = bySlot[slot] ? `${bySlot[slot]} ${p.message}` : p.message;
      }
      setErrors(bySlot);
      setGeneralProblems(general);
      throw error;
    }
  });
  const sections: SectionProps = { draft, set, errors };
  const count = Object.keys(errors).length + generalProblems.length;
  return (
    <>
      <h1 tabIndex={-1}>New request</h1>
      <p class="lede">
        Every request is recorded, acknowledged and counted in Parley’s public transparency log. Message
        content is end-to-end encrypted: Parley cannot read it and never produces it.
      </p>
      <form
        ref={form}
        class="card au-request-form"
        aria-labelledby="request-heading"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit.run();
        }}
      >
        <h2 id="request-heading">The request</h2>
        {count > 0 && (
          <div class="au-error-summary" role="alert">
            <p>
              The request was not accepted: {count} {count === 1 ? 'field needs' : 'fields need'} attention.
              Nothing was stored.
            </p>
            {generalProblems.length > 0 && (
              <ul>
                {generalProblems.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <SelectField
          label="Request type"
          value={draft.requestType}
          options={Object.entries(requestTypeLabels)}
          onChange={(requestType) => set({ requestType })}
          error={errors.requestType}
        />
        {draft.requestType === 'emergency_disclosure' && (
          <Field
            label="Emergency: factual basis"
            hint="The imminent danger of death or serious injury, in facts. Parley verifies by calling your agency's registered number."
            value={draft.emergencyBasis}
            onInput={(emergencyBasis) => set({ emergencyBasis })}
            error={errors['emergency.factualBasis']}
            multiline
            required
          />
        )}
        <TargetsSection {...sections} />
        <FieldGroup
          legend="Date range"
          hint="The period the data must fall in, as YYYY-MM-DD."
          error={errors.dateRange}
        >
          <div class="au-date-range">
            <Field
              label="From"
              value={draft.from}
              onInput={(from) => set({ from })}
              placeholder="YYYY-MM-DD"
            />
            <Field label="To" value={draft.to} onInput={(to) => set({ to })} placeholder="YYYY-MM-DD" />
          </div>
        </FieldGroup>
        <CategoriesSection {...sections} catalogue={portal.catalogue.value} />
        <InstrumentSection {...sections} />
        <Field
          label="Legal basis"
          hint="The statute and section that authorise the request."
          value={draft.legalBasis}
          onInput={(legalBasis) => set({ legalBasis })}
          error={errors.legalBasis}
          required
        />
        <Field
          label="Offence classification"
          hint="The offence under investigation, as your law names it."
          value={draft.offenceClassification}
          onInput={(offenceClassification) => set({ offenceClassification })}
          error={errors.offenceClassification}
          required
        />
        <NonDisclosureSection {...sections} />
        <FieldGroup legend="Attestation" error={errors.attestation}>
          <Checkbox
            checked={draft.attested}
            onChange={(attested) => set({ attested })}
            label={attestationText}
          />
        </FieldGroup>
        <FormError error={count === 0 ? (submit.error ?? catalogue.error) : undefined} />
        <button type="submit" disabled={submit.busy}>
          {submit.busy ? 'Submitting…' : 'Submit request'}
        </button>
      </form>
    </>
  );
}

/** Form slots that have a control; a problem for any other field is listed at the top. */
const knownSlots: ReadonlySet<string> = new Set([
  'requestType',
  'emergency.factualBasis',
  'targets',
  'dateRange',
  'categories',
  'instrument.type',
  'instrument.issuer',
  'instrument.date',
  'instrument.signatory',
  'document',
  'legalBasis',
  'offenceClassification',
  'nonDisclosureOrder',
  'attestation',
]);

function NonDisclosureSection(props: SectionProps) {
  const { draft, set, errors } = props;
  return (
    <FieldGroup
      legend="Non-disclosure order (optional)"
      hint="Only if a court has ordered that the user not be told. It must end on a stated day."
      error={errors.nonDisclosureOrder}
    >
      <Checkbox
        checked={draft.nonDisclosure}
        onChange={(nonDisclosure) => set({ nonDisclosure })}
        label="A non-disclosure order applies"
      />
      {draft.nonDisclosure && (
        <>
          <Field
            label="Order reference"
            value={draft.nonDisclosureReference}
            onInput={(nonDisclosureReference) => set({ nonDisclosureReference })}
          />
          <Field
            label="Order expires on"
            value={draft.nonDisclosureExpiresOn}
            onInput={(nonDisclosureExpiresOn) => set({ nonDisclosureExpiresOn })}
            placeholder="YYYY-MM-DD"
          />
        </>
      )}
    </FieldGroup>
  );
}
