import { useEffect, useMemo } from 'preact/hooks';
import { ComponentState, ComponentStore, ComponentType } from '@choice-sherpa/client';
import { useObservable, useServices } from '../app-context';
import { useSessionStore } from '../session-context';

/** A component's live detail (status, output) within the current session. */
export function useComponent<T extends ComponentType>(cycleId: string, type: T): ComponentState<T> {
  const { api } = useServices();
  const session = useSessionStore();
  const store = useMemo(() => new ComponentStore(session, api, cycleId, type), [session, api, cycleId, type]);
  useEffect(() => store.start(), [store]);
  return useObservable(store.component);
}
