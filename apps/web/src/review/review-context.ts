import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { StaffSession, StaffSessionState } from './staff-session.ts';

/** The console's services: the session state (and its API client), provided by `ReviewArea`. */
export const ReviewContext = createContext<StaffSessionState | undefined>(undefined);

export function useStaff(): StaffSessionState {
  const state = useContext(ReviewContext);
  if (!state) throw new Error('useStaff outside <ReviewArea>');
  return state;
}

/** The signed-in session; screens render only inside a signed-in console. */
export function useSignedIn(): StaffSession {
  const session = useStaff().current.value;
  if (!session) throw new Error('useSignedIn while signed out');
  return session;
}
