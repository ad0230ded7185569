import { useEffect, useState } from 'preact/hooks';
import { ApiError, MEMBERSHIP_TIERS, MembershipTier, MyMembership, NotificationPreferences } from '@choice-sherpa/client';
import { useServices } from '../app-context';
import { ErrorMessage } from '../parts/messages';

/** The plan (tier) with its limits, upgrades, and email preferences. */
export function AccountScreen() {
  const { api } = useServices();
  const [mine, setMine] = useState<MyMembership | null>(null);
  const [preferences, setPreferences] = useState<NotificationPreferences | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = () => {
    api.memberships.mine().then(setMine, setError);
    api.notifications.preferences().then(setPreferences, () => setPreferences(null));
  };
  useEffect(load, [api]);
  const choose = async (tier: MembershipTier) => {
    setError(null);
    try {
      if (mine?.membership && mine.membership.status !== 'cancelled') await api.memberships.upgrade(mine.membership.id, tier);
      else await api.memberships.create(tier);
      load();
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const current = mine?.effective_tier;
  const unlimited = (n: number | null) => (n === null ? 'unlimited' : String(n));
  return (
    <>
      <h1>Account</h1>
      {error && <ErrorMessage error={error} action="change the plan" />}
      {mine && (
        <section class="panel" aria-labelledby="plan-title">
          <h2 id="plan-title">Plan: {current}</h2>
          <ul>
            <li>Active decisions: {unlimited(mine.limits.active_sessions)}</li>
            <li>Cycles per decision: {unlimited(mine.limits.cycles_per_session)}</li>
            <li>AI messages per day: {unlimited(mine.limits.ai_messages_per_day)}</li>
            <li>Decision Quality step: {mine.limits.decision_quality ? 'included' : 'not included'}</li>
          </ul>
          <div class="toolbar">
            {MEMBERSHIP_TIERS.filter((t) => current && MEMBERSHIP_TIERS.indexOf(t) > MEMBERSHIP_TIERS.indexOf(current)).map((tier) => (
              <button type="button" key={tier} onClick={() => void choose(tier)}>
                Upgrade to {tier}
              </button>
            ))}
            {!mine.membership && (
              <button type="button" class="secondary" onClick={() => void choose('free')}>
                Join the free plan
              </button>
            )}
          </div>
        </section>
      )}
      {preferences && (
        <section class="panel" aria-labelledby="mail-title">
          <h2 id="mail-title">Email</h2>
          <label class="check">
            <input
              type="checkbox"
              checked={preferences.cycle_summaries}
              onChange={(e) => {
                const cycle_summaries = e.currentTarget.checked;
                api.notifications.setPreferences({ cycle_summaries }).then(setPreferences, setError);
              }}
            />
            Send me a summary when a cycle is completed
          </label>
        </section>
      )}
    </>
  );
}
