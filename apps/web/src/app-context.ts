import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppState } from './app-state.ts';
import type { Router } from './router/router.ts';

export type AppServices = Readonly<{ state: AppState; router: Router }>;

export const AppContext = createContext<AppServices | undefined>(undefined);

/** The app's state and router, provided once by `main.tsx` (no module-level singletons). */
export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside <AppContext.Provider>');
  return services;
}
