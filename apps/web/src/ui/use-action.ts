import { useState } from 'preact/hooks';
import { describe } from './describe.ts';

export type Action<A extends unknown[]> = Readonly<{
  run: (...args: A) => Promise<void>;
  busy: boolean;
  error: string | undefined;
}>;

/** Runs a form's async work once at a time and keeps its error for display next to the form. */
export function useAction<A extends unknown[]>(work: (...args: A) => Promise<void>): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = async (...args: A) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await work(...args);
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}
