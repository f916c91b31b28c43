import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Shell } from '../layout/shell.tsx';

type Loading = Readonly<{ phase: 'loading' }> | Readonly<{ phase: 'failed'; message: string }>;

/**
 * Renders what `load` loads (an area's code, fetched on first use); meanwhile a status line, and if the
 * code cannot be fetched (offline, or a release replaced it) a message saying so with a way to retry.
 */
export function Loaded(props: Readonly<{ load: () => Promise<ComponentType> }>) {
  const [loaded, setLoaded] = useState<ComponentType | Loading>({ phase: 'loading' });
  useEffect(() => {
    let current = true;
    props.load().then(
      (component) => current && setLoaded(() => component),
      (error: unknown) =>
        current &&
        setLoaded({ phase: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [props.load]);
  if (typeof loaded === 'function') {
    const Component = loaded;
    return <Component />;
  }
  return (
    <Shell nav={[]}>
      {loaded.phase === 'loading' ? (
        <>
          <h1 tabIndex={-1}>Opening Parley…</h1>
          <p role="status">Loading this page.</p>
        </>
      ) : (
        <>
          <h1 tabIndex={-1}>This page could not be loaded</h1>
          <p class="error" role="alert">
            {loaded.message}
          </p>
          <button type="button" onClick={() => location.reload()}>
            Reload
          </button>
        </>
      )}
    </Shell>
  );
}
