import type { ChoiceSherpaApi } from '../http/choice-sherpa-api';
import type { Overview } from '../http/api-types';
import type { SessionFeedHandler } from '../live/session-feed';
import { SESSION } from '../testing/fixtures';
import { OverviewStore } from './overview-store';

const overview = { sessions: [{ session_id: SESSION, positions: [] }] } as unknown as Overview;

/** Waits for `done` with a bound (the store's re-read is a real 50 ms timer). */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 2_000 && !done(); waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!done()) throw new Error(`never: ${what}`);
}

describe('OverviewStore', () => {
  it('reads the overview again after a join that did not resume, never after one that resumed', async () => {
    let reads = 0;
    const handlers: SessionFeedHandler[] = [];
    const api = { dashboard: { overview: async () => (reads++, overview) } } as unknown as ChoiceSherpaApi;
    const store = new OverviewStore(api, { subscribe: (_id, handler) => (handlers.push(handler), () => undefined) });
    const stop = store.start();
    try {
      await until(() => handlers.length === 1, 'the session followed');
      expect(reads).toBe(1);
      // the first join starts at the gateway's head: a change made since the read would otherwise never show
      handlers[0].onJoined!({ resumed: false });
      await until(() => reads === 2, 'the overview read after the join');
      handlers[0].onJoined!({ resumed: true });
      handlers[0].onResync();
      // nothing scheduled: a resumed join replays what was missed, and the join after SINCE_UNKNOWN reads again itself
      expect((store as unknown as { timer: unknown }).timer).toBeNull();
      expect(reads).toBe(2);
      expect(store.overview.get().status).toBe('ready');
    } finally {
      stop();
    }
  });
});
