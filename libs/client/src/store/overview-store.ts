import { positionKey, positionKeyOf, LiveEvent } from '../events/live-event';
import { ApiError } from '../http/api-error';
import type { Overview } from '../http/api-types';
import type { ChoiceSherpaApi } from '../http/choice-sherpa-api';
import type { LiveClient } from '../live/live-client';
import { Observable, ObservableValue } from '../live/observable';

export interface OverviewState {
  status: 'loading' | 'ready' | 'error';
  overview: Overview | null;
  error: ApiError | null;
}

/** The gateway serves at most 50 sessions per socket: the newest ones are followed live. */
const LIVE_SESSIONS = 40;

/**
 * The user's sessions (the dashboard overview), live: it follows the newest sessions and, on each of their events,
 * reads the overview again until the entry's positions include the event (the read model may lag the socket).
 */
export class OverviewStore {
  private readonly state = new ObservableValue<OverviewState>({ status: 'loading', overview: null, error: null });
  private readonly followed = new Map<string, () => void>();
  private waiting: LiveEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempts = 0;

  constructor(
    private readonly api: ChoiceSherpaApi,
    private readonly live: Pick<LiveClient, 'subscribe'>,
  ) {}

  get overview(): Observable<OverviewState> {
    return this.state;
  }

  start(): () => void {
    void this.reload();
    return () => {
      for (const leave of this.followed.values()) leave();
      this.followed.clear();
      if (this.timer) clearTimeout(this.timer);
    };
  }

  async reload(): Promise<void> {
    try {
      const overview = await this.api.dashboard.overview();
      this.state.set({ status: 'ready', overview, error: null });
      this.follow(overview.sessions.slice(0, LIVE_SESSIONS).map((s) => s.session_id));
      this.waiting = this.waiting.filter((event) => !this.includes(overview, event));
      if (this.waiting.length > 0 && this.attempts++ < 20) this.schedule(250 * Math.min(this.attempts, 8));
      else {
        this.waiting = [];
        this.attempts = 0;
      }
    } catch (error) {
      this.state.set({ ...this.state.get(), status: this.state.get().overview ? 'ready' : 'error', error: error instanceof ApiError ? error : ApiError.network(error) });
    }
  }

  private follow(sessionIds: string[]): void {
    for (const id of sessionIds) {
      if (this.followed.has(id)) continue;
      this.followed.set(
        id,
        this.live.subscribe(id, {
          onEvent: (event) => {
            this.waiting.push(event);
            this.schedule(100);
          },
          // a join that did not resume (the first, after SINCE_UNKNOWN) starts at the gateway's head: what changed
          // since the overview was read comes only from reading it again (the joins at start coalesce)
          onJoined: ({ resumed }) => {
            if (!resumed) this.schedule(50);
          },
          onResync: () => undefined,
        }),
      );
    }
  }

  private includes(overview: Overview, event: LiveEvent): boolean {
    const entry = overview.sessions.find((s) => s.session_id === event.session_id);
    if (!entry) return false;
    const key = positionKeyOf(event);
    return entry.positions.some((p) => positionKey(p.source, p.aggregate_key) === key && p.sequence >= event.sequence);
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload();
    }, ms);
  }
}
