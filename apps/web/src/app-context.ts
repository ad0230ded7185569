import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ChoiceSherpaApi, LiveClient, Observable } from '@choice-sherpa/client';

export interface AppServices {
  api: ChoiceSherpaApi;
  live: LiveClient;
  signOut(): void;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useServices outside the signed-in app');
  return services;
}

/** The current value of an Observable, re-rendering on each change. */
export function useObservable<T>(observable: Observable<T>): T {
  const [value, setValue] = useState(observable.get());
  useEffect(() => {
    setValue(observable.get());
    return observable.subscribe(setValue);
  }, [observable]);
  return value;
}

const TOKEN_KEY = 'choice-sherpa.token';

export const tokenStore = {
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/** The user id (`sub`) of a JWT, for display only: the services verify the token. */
export function subjectOf(token: string): string | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}
