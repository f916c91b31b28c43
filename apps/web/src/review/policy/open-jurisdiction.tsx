import { Jurisdiction } from '@parley/protocol';
import { useState } from 'preact/hooks';
import { useApp } from '../../app-context.ts';
import { Field } from '../../ui/field.tsx';

/** Opens a jurisdiction by its code, including one with no policy yet, to propose its first version. */
export function OpenJurisdiction() {
  const { router } = useApp();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <form
      class="card"
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = Jurisdiction.safeParse(code.trim().toUpperCase());
        if (!parsed.success) return setError('Use an ISO 3166 code such as HK, BR or US-CA.');
        router.navigate(`/review/policy/${parsed.data}`);
      }}
    >
      <Field
        label="Another jurisdiction"
        hint="Its ISO 3166 code (HK, BR, US-CA), to see it or propose its first policy."
        value={code}
        onInput={(v) => {
          setCode(v);
          setError(undefined);
        }}
        error={error}
        required
      />
      <button type="submit" class="secondary">
        Open
      </button>
    </form>
  );
}
