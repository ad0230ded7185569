import { useEffect, useState } from 'preact/hooks';
import { isComponentType, ComponentType } from '@choice-sherpa/client';

/**
 * Hash routes, so that any static server (the entry point, a proxy, a CDN) serves the app without rewrites. Links
 * made outside the app (the notifier's emails: `PUBLIC_URL/sessions/<id>?cycle=<id>`) are paths: the entry point
 * answers them with index.html and `adoptPathRoute` turns them into the same hash route.
 */
export type Route =
  | { name: 'sessions' }
  | { name: 'session'; sessionId: string; cycleId?: string }
  | { name: 'component'; sessionId: string; cycleId: string; type: ComponentType }
  | { name: 'compare'; sessionId: string; cycleIds: string[] }
  | { name: 'account' }
  | { name: 'unknown' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('?')[0].split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'sessions')) return { name: 'sessions' };
  if (parts[0] === 'account' && parts.length === 1) return { name: 'account' };
  if (parts[0] !== 'sessions') return { name: 'unknown' };
  const sessionId = parts[1];
  if (parts.length === 2) return query.get('cycle') ? { name: 'session', sessionId, cycleId: query.get('cycle')! } : { name: 'session', sessionId };
  if (parts.length === 3 && parts[2] === 'compare') return { name: 'compare', sessionId, cycleIds: (query.get('ids') ?? '').split(',').filter(Boolean) };
  if (parts.length === 5 && parts[2] === 'cycles' && isComponentType(parts[4])) return { name: 'component', sessionId, cycleId: parts[3], type: parts[4] };
  return { name: 'unknown' };
}

export const href = {
  sessions: () => '#/sessions',
  session: (sessionId: string) => `#/sessions/${encodeURIComponent(sessionId)}`,
  component: (sessionId: string, cycleId: string, type: ComponentType) => `#/sessions/${encodeURIComponent(sessionId)}/cycles/${encodeURIComponent(cycleId)}/${type}`,
  compare: (sessionId: string, cycleIds: string[]) => `#/sessions/${encodeURIComponent(sessionId)}/compare?ids=${cycleIds.map(encodeURIComponent).join(',')}`,
  account: () => '#/account',
};

/** `/sessions/<id>?cycle=<id>` (a path, from an email) becomes `/#/sessions/<id>?cycle=<id>`, without a reload. */
export function adoptPathRoute(): void {
  if (location.pathname === '/' || location.hash) return;
  history.replaceState(null, '', `/#${location.pathname}${location.search}`);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function navigate(to: string): void {
  location.hash = to.replace(/^#/, '');
}
