import type { ComponentType } from '../domain/vocabulary';
import { ApiError } from '../http/api-error';
import type { ComponentDetail } from '../http/api-types';
import type { ChoiceSherpaApi } from '../http/choice-sherpa-api';
import { Observable, ObservableValue } from '../live/observable';
import { reduceComponentDetail } from './component-detail.reducer';
import { applyToBaseline, Baseline, Positions } from './positions';
import type { LoadStatus, SessionStore } from './session-store';

export interface ComponentState<T extends ComponentType = ComponentType> {
  status: LoadStatus;
  detail: ComponentDetail<T> | null;
  error: ApiError | null;
}

/**
 * One component's detail (status, output, conversation summary), read over HTTP once the session store's feed is
 * joined and kept current with its live events by the same positions rule; a gap, or a join that did not resume,
 * reads it again.
 */
export class ComponentStore<T extends ComponentType = ComponentType> {
  private readonly state = new ObservableValue<ComponentState<T>>({ status: 'loading', detail: null, error: null });
  private baseline: Baseline<ComponentDetail<T>> | null = null;
  private early: Parameters<SessionStore['receive']>[0][] = [];
  private stopListening: (() => void) | null = null;
  private stopReading: (() => void) | null = null;
  private reloading = false;
  private readAgain = false;

  constructor(
    private readonly session: SessionStore,
    private readonly api: ChoiceSherpaApi,
    readonly cycleId: string,
    readonly type: T,
  ) {}

  get component(): Observable<ComponentState<T>> {
    return this.state;
  }

  start(): () => void {
    this.stopListening = this.session.onEvent((event) => {
      if (!this.baseline) {
        this.early.push(event);
        return;
      }
      this.apply(event);
    });
    // read once the session's feed is joined, and again after each join that did not resume (SessionStore)
    this.stopReading = this.session.readAfterJoins(() => void this.reload());
    return () => {
      this.stopListening?.();
      this.stopReading?.();
    };
  }

  async reload(): Promise<void> {
    if (this.reloading) {
      // the read under way may have started before a join: read again once it is done
      this.readAgain = true;
      return;
    }
    this.reloading = true;
    try {
      const detail = await this.api.dashboard.component(this.cycleId, this.type);
      const fresh = { value: detail, positions: Positions.of(detail.positions) };
      if (!this.baseline || fresh.positions.covers(this.baseline.positions)) this.baseline = fresh;
      const early = this.early;
      this.early = [];
      for (const event of early) this.apply(event, false);
      this.state.set({ status: 'ready', detail: this.baseline.value, error: null });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : ApiError.network(error);
      this.state.set({ status: apiError.isNotFound ? 'not_found' : 'error', detail: this.baseline?.value ?? null, error: apiError });
    } finally {
      this.reloading = false;
      if (this.readAgain) {
        this.readAgain = false;
        void this.reload();
      }
    }
  }

  private apply(event: Parameters<SessionStore['receive']>[0], publish = true): void {
    if (!this.baseline) return;
    const outcome = applyToBaseline(this.baseline, event, (detail, e) => reduceComponentDetail(detail, e) as ComponentDetail<T>);
    this.baseline = outcome.baseline;
    if (outcome.gap) setTimeout(() => void this.reload(), 300);
    if (publish && outcome.applied) this.state.set({ status: 'ready', detail: this.baseline.value, error: null });
  }
}
