import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AppState } from '../app-state.ts';

/** The browser's profile, for the messenger's screens; provided by `MessengerApp` once it is loaded. */
export const MessengerStateContext = createContext<AppState | undefined>(undefined);

export function useMessengerState(): AppState {
  const state = useContext(MessengerStateContext);
  if (!state) throw new Error('useMessengerState outside <MessengerApp>');
  return state;
}
