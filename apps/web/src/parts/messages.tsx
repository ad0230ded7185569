import type { ApiError } from '@choice-sherpa/client';
import { href } from '../router';

const LIMIT_NAMES: Record<string, string> = {
  active_sessions: 'active decisions',
  cycles_per_session: 'cycles per decision',
  ai_messages_per_day: 'AI messages per day',
  decision_quality: 'the Decision Quality component',
};

/** What an error means to the user: tier limits say the limit and the tier that lifts it. */
export function describeError(error: ApiError): string {
  const limit = error.tierLimit;
  if (limit) {
    const name = LIMIT_NAMES[limit.limit] ?? limit.limit;
    const lift = limit.required_tier ? ` The ${limit.required_tier} plan lifts it.` : '';
    return limit.limit === 'decision_quality' ? `Your plan does not include ${name}.${lift}` : `Your plan allows ${limit.max} ${name} (you have ${limit.current}).${lift}`;
  }
  if (error.isNetwork) return 'The server could not be reached. Check your connection and try again.';
  if (error.status === 401) return 'Your sign-in has expired. Sign out and sign in again.';
  if (error.code === 'AI_UNAVAILABLE') return 'The facilitator is unavailable right now. Your message is kept; try again in a moment.';
  const fields = error.fieldProblems.map((p) => `${p.field}: ${p.problems.join(', ')}`);
  return fields.length > 0 ? `${error.message} (${fields.join('; ')})` : error.message;
}

export function ErrorMessage({ error, action, onDismiss }: { error: ApiError; action?: string; onDismiss?: () => void }) {
  return (
    <div class="error" role="alert">
      <p>
        {action ? <strong>Could not {action}. </strong> : null}
        {describeError(error)}
        {error.tierLimit?.required_tier ? (
          <>
            {' '}
            <a href={href.account()}>See plans</a>
          </>
        ) : null}
      </p>
      {onDismiss && (
        <button type="button" class="link" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
