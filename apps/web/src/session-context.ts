import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SessionStore } from '@choice-sherpa/client';

export const SessionContext = createContext<SessionStore | null>(null);

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSessionStore outside a session');
  return store;
}
