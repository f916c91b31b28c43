import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppState } from './app-state.ts';
import type { Router } from './router/router.ts';

/**
 * The router, and the browser's messenger profile, opened (and its code loaded) the first time a messenger
 * page is shown, then kept while the user visits other areas.
 */
export type AppServices = Readonly<{ router: Router; messengerState: () => Promise<AppState> }>;

export const AppContext = createContext<AppServices | undefined>(undefined);

/** The app's services, provided once by `main.tsx` (no module-level singletons). */
export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside <AppContext.Provider>');
  return services;
}
