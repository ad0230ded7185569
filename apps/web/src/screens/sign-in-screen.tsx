import { useState } from 'preact/hooks';
import { ApiError, ChoiceSherpaApi } from '@choice-sherpa/client';
import { ErrorMessage } from '../parts/messages';

/** Local: the development token route (DEV_LOGIN=true). Production: a token pasted here or redirected in `#token=`. */
export function SignInScreen({ onSignedIn }: { onSignedIn: (token: string) => void }) {
  const [userId, setUserId] = useState('');
  const [email, setEmail] = useState('');
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [devOff, setDevOff] = useState(false);
  const [busy, setBusy] = useState(false);

  const devSignIn = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await new ChoiceSherpaApi().devAuth.token(userId.trim(), email.trim() || undefined));
    } catch (e) {
      const apiError = e as ApiError;
      if (apiError.status === 404) setDevOff(true);
      else setError(apiError);
    } finally {
      setBusy(false);
    }
  };

  const pasteSignIn = (event: Event) => {
    event.preventDefault();
    const token = pasted.trim();
    if (token.split('.').length === 3) onSignedIn(token);
    else setError(new ApiError(400, 'VALIDATION_FAILED', 'That does not look like a token (three parts separated by dots).'));
  };

  return (
    <main id="main" class="sign-in">
      <h1>Choice Sherpa</h1>
      <p class="lead">One hard decision, worked through step by step.</p>
      {error && <ErrorMessage error={error} action="sign in" />}
      <section class="panel" aria-labelledby="dev-title">
        <h2 id="dev-title">Development sign-in</h2>
        {devOff ? (
          <p role="status">Development sign-in is off on this server. Paste a token below.</p>
        ) : (
          <form onSubmit={devSignIn}>
            <label for="user-id">User id</label>
            <input id="user-id" name="user_id" required maxLength={200} autoComplete="username" value={userId} onInput={(e) => setUserId(e.currentTarget.value)} />
            <label for="email">Email (optional)</label>
            <input id="email" name="email" type="email" autoComplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
            <button type="submit" disabled={busy || userId.trim() === ''}>
              Sign in
            </button>
          </form>
        )}
      </section>
      <section class="panel" aria-labelledby="token-title">
        <h2 id="token-title">Sign in with a token</h2>
        <form onSubmit={pasteSignIn}>
          <label for="token">Access token (JWT)</label>
          <textarea id="token" name="token" rows={3} required value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} />
          <button type="submit">Use this token</button>
        </form>
      </section>
    </main>
  );
}
