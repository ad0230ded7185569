import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { SessionStore } from '@choice-sherpa/client';
import { NotFound } from './not-found';
import { useObservable, useServices } from '../app-context';
import { SessionContext } from '../session-context';
import { ErrorMessage } from './messages';

/** Screens inside one session share its live store (the session screen builds its own the same way). */
export function WithSession({ sessionId, children }: { sessionId: string; children: ComponentChildren }) {
  const { api, live } = useServices();
  const store = useMemo(() => new SessionStore(sessionId, api, live), [sessionId, api, live]);
  useEffect(() => store.start(), [store]);
  const state = useObservable(store.session);
  if (state.status === 'not_found') return <NotFound what="decision" />;
  if (state.status === 'error' && state.error) return <ErrorMessage error={state.error} action="load this decision" />;
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}
