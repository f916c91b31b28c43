import { useState } from 'preact/hooks';
import { useAction } from '../ui/use-action.ts';
import { type Refusal, refusalOf } from './refusal.ts';

/** `useAction` that also keeps the server's refusal in a reviewer's words (see `RefusalView`). */
export function useStaffAction<A extends unknown[]>(work: (...args: A) => Promise<void>) {
  const [refusal, setRefusal] = useState<Refusal | undefined>(undefined);
  const action = useAction(async (...args: A) => {
    setRefusal(undefined);
    try {
      await work(...args);
    } catch (error) {
      setRefusal(refusalOf(error));
      throw error;
    }
  });
  return { ...action, refusal };
}
