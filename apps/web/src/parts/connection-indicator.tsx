import type { ConnectionState } from '@choice-sherpa/client';
import { useObservable, useServices } from '../app-context';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  online: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  unauthorized: 'Signed out: sign in again',
};

/** Always visible: whether changes are arriving live. Announced politely when it changes. */
export function ConnectionIndicator() {
  const { live } = useServices();
  const state = useObservable(live.connection);
  return (
    <span class={`connection connection-${state}`} role="status" aria-live="polite" data-state={state}>
      <span class="dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
