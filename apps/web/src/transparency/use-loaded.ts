import { useEffect, useState } from 'preact/hooks';
import { describe } from '../ui/describe.ts';

export type Loaded<T> =
  | Readonly<{ state: 'loading' }>
  | Readonly<{ state: 'ready'; value: T }>
  | Readonly<{ state: 'failed'; error: string }>;

/** Loads public data once per key; a failure is kept for display, not thrown. */
export function useLoaded<T>(load: () => Promise<T>, key = ''): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setLoaded({ state: 'loading' });
    load().then(
      (value) => live && setLoaded({ state: 'ready', value }),
      (error: unknown) => live && setLoaded({ state: 'failed', error: describe(error) }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return loaded;
}
