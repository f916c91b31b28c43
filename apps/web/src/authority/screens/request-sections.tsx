import { useState } from 'preact/hooks';
import { Field } from '../../ui/field.tsx';
import { readDocument } from '../document-file.ts';
import { Checkbox, FieldGroup, SelectField } from '../form-controls.tsx';
import type { Catalogue } from '../officer-portal.ts';
import type { RequestDraft, TargetDraft } from '../request-draft.ts';
import { instrumentTypeLabels } from '../vocabulary.ts';

export type SectionProps = Readonly<{
  draft: RequestDraft;
  set: (patch: Partial<RequestDraft>) => void;
  errors: Readonly<Record<string, string>>;
}>;

/** Each target is a username or an account id: an IP address or a display name does not identify one account. */
export function TargetsSection(props: SectionProps) {
  const { draft, set, errors } = props;
  const update = (i: number, patch: Partial<TargetDraft>) =>
    set({ targets: draft.targets.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
  return (
    <FieldGroup
      legend="Targets"
      hint="Each account by its Parley username or account id. IP addresses and display names do not identify an account."
      error={errors.targets}
    >
      {draft.targets.map((target, i) => (
        <div class="au-target-row" key={i}>
          <SelectField
            label={`Target ${i + 1}: identified by`}
            value={target.kind}
            options={[
              ['username', 'Username'],
              ['accountId', 'Account id'],
            ]}
            onChange={(kind) => update(i, { kind: kind === 'accountId' ? 'accountId' : 'username' })}
          />
          <Field
            label={`Target ${i + 1}: ${target.kind === 'username' ? 'username' : 'account id'}`}
            value={target.value}
            onInput={(value) => update(i, { value })}
            error={errors[`targets.${i}`]}
          />
          {draft.targets.length > 1 && (
            <button
              type="button"
              class="quiet"
              onClick={() => set({ targets: draft.targets.filter((_, j) => j !== i) })}
            >
              Remove target {i + 1}
            </button>
          )}
        </div>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => set({ targets: [...draft.targets, { kind: 'username', value: '' }] })}
      >
        Add a target
      </button>
    </FieldGroup>
  );
}

const holdingNote: Readonly<Record<string, string>> = {
  held: '',
  transient: 'held only while in use',
  not_held: 'Parley does not hold this',
  e2ee: 'end-to-end encrypted: Parley cannot read or produce it',
};

/** The data catalogue's vocabulary, with what Parley does not hold said up front. */
export function CategoriesSection(props: SectionProps & Readonly<{ catalogue: Catalogue | undefined }>) {
  const { draft, set, errors, catalogue } = props;
  const toggle = (id: string, on: boolean) =>
    set({ categories: on ? [...draft.categories, id] : draft.categories.filter((c) => c !== id) });
  return (
    <FieldGroup
      legend="Data categories"
      hint="Ask only for what the instrument reaches. Categories Parley does not hold are marked; asking for them yields nothing."
      error={errors.categories}
    >
      {catalogue === undefined ? (
        <p role="status">Loading the data catalogue…</p>
      ) : (
        catalogue.categories.map((c) => (
          <Checkbox
            key={c.id}
            checked={draft.categories.includes(c.id)}
            onChange={(on) => toggle(c.id, on)}
            label={
              <>
                <code>{c.id}</code>: {c.description}
                {holdingNote[c.holding] ? <span class="muted"> ({holdingNote[c.holding]})</span> : null}
              </>
            }
          />
        ))
      )}
    </FieldGroup>
  );
}

/** The legal instrument and its document, hashed in the page. */
export function InstrumentSection(props: SectionProps) {
  const { draft, set, errors } = props;
  const [reading, setReading] = useState<string | undefined>(undefined);
  const pick = async (file: File | undefined) => {
    if (file === undefined) return;
    setReading(undefined);
    try {
      set({ document: await readDocument(file) });
    } catch (error) {
      set({ document: undefined });
      setReading(error instanceof Error ? error.message : String(error));
    }
  };
  const docError = reading ?? errors.document;
  return (
    <FieldGroup legend="Legal instrument">
      <SelectField
        label="Instrument type"
        value={draft.instrumentType}
        placeholder="Choose the instrument…"
        options={Object.entries(instrumentTypeLabels)}
        onChange={(instrumentType) => set({ instrumentType })}
        error={errors['instrument.type']}
      />
      <Field
        label="Issued by"
        hint="The court or authority that issued it."
        value={draft.issuer}
        onInput={(issuer) => set({ issuer })}
        error={errors['instrument.issuer']}
        required
      />
      <Field
        label="Date of issue"
        hint="YYYY-MM-DD"
        value={draft.instrumentDate}
        onInput={(instrumentDate) => set({ instrumentDate })}
        error={errors['instrument.date']}
        placeholder="YYYY-MM-DD"
        required
      />
      <Field
        label="Signatory"
        value={draft.signatory}
        onInput={(signatory) => set({ signatory })}
        error={errors['instrument.signatory']}
        required
      />
      <DocumentInput document={draft.document} error={docError} onPick={(f) => void pick(f)} />
    </FieldGroup>
  );
}

function DocumentInput(
  props: Readonly<{
    document: RequestDraft['document'];
    error: string | undefined;
    onPick: (file: File | undefined) => void;
  }>,
) {
  const doc = props.document;
  return (
    <div class="field">
      <label for="instrument-document">Signed document</label>
      <p class="hint" id="instrument-document-hint">
        PDF, PNG, JPEG or plain text, at most 2 MiB. Its SHA-256 is computed in this page and sent with it.
      </p>
      {props.error && (
        <p class="error" id="instrument-document-error">
          {props.error}
        </p>
      )}
      <input
        id="instrument-document"
        type="file"
        accept="application/pdf,image/png,image/jpeg,text/plain"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`instrument-document-hint${props.error ? ' instrument-document-error' : ''}`}
        onChange={(e) => props.onPick(e.currentTarget.files?.[0])}
      />
      {doc && (
        <p class="au-document-hash" role="status">
          {doc.name}, {doc.bytes} bytes. SHA-256: <code>{doc.sha256}</code>
        </p>
      )}
    </div>
  );
}
