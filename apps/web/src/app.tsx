import { useEffect, useMemo, useState } from 'preact/hooks';
import { ChoiceSherpaApi, LiveClient } from '@choice-sherpa/client';
import { AppContext, AppServices, subjectOf, tokenStore } from './app-context';
import { ConnectionIndicator } from './parts/connection-indicator';
import { NotFound } from './parts/not-found';
import { href, useRoute } from './router';
import { AccountScreen } from './screens/account-screen';
import { CompareScreen } from './screens/compare-screen';
import { ComponentScreen } from './screens/component-screen';
import { SessionScreen } from './screens/session-screen';
import { SessionsScreen } from './screens/sessions-screen';
import { SignInScreen } from './screens/sign-in-screen';

/** A token handed over by a sign-in redirect (`#token=...`) is taken once and removed from the address bar. */
function takeRedirectedToken(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return;
  tokenStore.set(decodeURIComponent(match[1]));
  history.replaceState(null, '', `${location.pathname}${location.search}#/sessions`);
}

export function App() {
  takeRedirectedToken();
  const [token, setToken] = useState(tokenStore.get());
  if (!token) return <SignInScreen onSignedIn={(t) => (tokenStore.set(t), setToken(t))} />;
  return <SignedIn key={token} token={token} onSignOut={() => (tokenStore.clear(), setToken(null))} />;
}

function SignedIn({ token, onSignOut }: { token: string; onSignOut: () => void }) {
  const services = useMemo<AppServices>(() => {
    const api = new ChoiceSherpaApi({ token: () => token });
    const live = new LiveClient({ token: () => token });
    return { api, live, signOut: onSignOut };
  }, [token]);
  useEffect(() => () => services.live.close(), [services]);
  const route = useRoute();
  const user = subjectOf(token);
  return (
    <AppContext.Provider value={services}>
      {/* the routes are hashes: following #main would leave the page, so the link moves the focus itself */}
      <a
        class="skip"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href.sessions()}>
          Choice Sherpa
        </a>
        <nav aria-label="Main">
          <a href={href.sessions()}>Decisions</a>
          <a href={href.account()}>Account</a>
        </nav>
        <ConnectionIndicator />
        <span class="who" title="Signed in as">
          {user}
        </span>
        <button type="button" class="link" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {route.name === 'sessions' && <SessionsScreen />}
        {route.name === 'session' && <SessionScreen key={route.sessionId} sessionId={route.sessionId} cycleId={route.cycleId} />}
        {route.name === 'component' && <ComponentScreen key={`${route.cycleId}/${route.type}`} {...route} />}
        {route.name === 'compare' && <CompareScreen key={route.cycleIds.join()} {...route} />}
        {route.name === 'account' && <AccountScreen />}
        {route.name === 'unknown' && <NotFound what="page" />}
      </main>
    </AppContext.Provider>
  );
}
