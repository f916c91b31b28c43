import { useEffect, useState } from 'preact/hooks';
import { type Refusal, refusalOf } from './refusal.ts';

export type Resource<T> = Readonly<{
  data: T | undefined;
  refusal: Refusal | undefined;
  loading: boolean;
  reload: () => Promise<void>;
}>;

/** Loads `key`'s data from the staff API and reloads it on demand (after an action changes it). */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [refusal, setRefusal] = useState<Refusal | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const reload = async () => {
    setLoading(true);
    try {
      setData(await load());
      setRefusal(undefined);
    } catch (error) {
      setRefusal(refusalOf(error));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    setData(undefined);
    void reload();
  }, [key]);
  return { data, refusal, loading, reload };
}
