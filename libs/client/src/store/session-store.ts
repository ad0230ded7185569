import type { EventType } from '../events/event-payloads';
import { isEventOf, LiveEvent } from '../events/live-event';
import type { ComponentOutput } from '../domain/outputs';
import type { ComponentType } from '../domain/vocabulary';
import { ApiError } from '../http/api-error';
import type { ChoiceSherpaApi } from '../http/choice-sherpa-api';
import type { SessionView } from '../http/api-types';
import type { RequestOptions } from '../http/http-transport';
import type { LiveClient } from '../live/live-client';
import { Observable, ObservableValue } from '../live/observable';
import { CommandFailure, PendingCommands } from './optimistic';
import { applyToBaseline, Baseline, Positions } from './positions';
import { ConversationIndex, reduceSessionView } from './session-view.reducer';
import * as edits from './view-edits';

export type LoadStatus = 'loading' | 'ready' | 'not_found' | 'error';

export interface SessionState {
  status: LoadStatus;
  /** the confirmed view with the user's pending commands drawn over it */
  view: SessionView | null;
  /** commands sent and not yet confirmed by their events */
  pending: number;
  /** the last command that failed (its change was rolled back) */
  failure: CommandFailure | null;
  /** why loading failed */
  error: ApiError | null;
}

export interface StoreClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: StoreClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** An acknowledged command is given this long for its event before a reload may settle it. */
const ACK_GRACE_MS = 30_000;
/**
 * The read model and the gateway consume the same streams apart: a view read just after the join may not hold yet
 * a change the gateway logged just before it (which the feed, starting at the gateway's head, will not send). A
 * view whose last change is this recent is read once more.
 */
const READ_MODEL_LAG_MS = 1_500;
/** Commands wait this long for the first join before they go out all the same (the gateway is unreachable). */
const JOIN_WAIT_MS = 3_000;
/** A session created a moment ago may not be in the read model yet: 404s are read again this many times. */
const NOT_FOUND_RETRIES = 6;
const notFoundDelay = (attempt: number) => Math.min(250 * 2 ** attempt, 2_000);

/**
 * One session's dashboard view, kept current: joined on the live feed first, read over HTTP after the join is
 * acknowledged, then every live event applied by the projector's rule (positions from the view: stale and
 * duplicate events ignored). Nothing falls between the two: what happened before the acknowledgement is in the
 * view read after it, what happened after it arrives as events (kept until the view is there, then applied on
 * top). Every join that could not resume from an event (the first, or after SINCE_UNKNOWN) reads the view again
 * the same way. A gap or a message of an unknown conversation reloads the view. The user's commands are
 * optimistic (see PendingCommands) and go out only once the feed is joined, so their events reach the store.
 */
export class SessionStore {
  private readonly state = new ObservableValue<SessionState>({ status: 'loading', view: null, pending: 0, failure: null, error: null });
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private readonly commands = new PendingCommands();
  private baseline: Baseline<SessionView> | null = null;
  private early: LiveEvent[] = [];
  private conversations = new Map<string, { cycle_id: string; component_type: ComponentType }>();
  private reloadTimer: unknown = null;
  private loading: Promise<void> | null = null;
  private readAgain = false;
  private leave: (() => void) | null = null;
  private sequence = 0;
  /** when the last join that did not resume was acknowledged (the view must be read after it) */
  private joinedAt: number | null = null;
  private everJoined = false;
  private refused = false;
  private notFound = 0;
  private readonly joinWaits: Array<() => void> = [];
  private joinWaitTimer: unknown = null;
  private readonly joinReaders = new Set<() => void>();
  private readonly readersWaiting = new Set<() => void>();

  constructor(
    readonly sessionId: string,
    private readonly api: ChoiceSherpaApi,
    private readonly live: Pick<LiveClient, 'subscribe'>,
    private readonly clock: StoreClock = realClock,
  ) {}

  get session(): Observable<SessionState> {
    return this.state;
  }

  /** Joins the live feed; the view is read once the join is acknowledged (or, the gateway unreachable, soon after). */
  start(): () => void {
    this.joinWaitTimer = this.clock.setTimeout(() => {
      this.joinWaitTimer = null;
      this.releaseJoinWaits();
      this.runReaders(this.readersWaiting);
      if (!this.baseline) void this.reload();
    }, JOIN_WAIT_MS);
    this.leave = this.live.subscribe(this.sessionId, {
      onEvent: (event) => this.receive(event),
      onJoined: ({ resumed }) => this.joined(resumed),
      // the join that follows SINCE_UNKNOWN does not resume: onJoined reads the view again
      onResync: () => undefined,
      onJoinError: (error) => {
        if (error.code !== 'NOT_FOUND') return;
        this.refused = true;
        this.publish({ status: 'not_found' });
      },
    });
    return () => this.stop();
  }

  stop(): void {
    this.leave?.();
    this.leave = null;
    if (this.reloadTimer !== null) this.clock.clearTimeout(this.reloadTimer);
    if (this.joinWaitTimer !== null) this.clock.clearTimeout(this.joinWaitTimer);
    this.releaseJoinWaits();
  }

  /**
   * For views read beside this one (a component's detail): runs `read` once the feed is joined (at once if it is, or
   * the wait gave up) and again after every join that did not resume, so that a view read then and kept current with
   * this store's events misses none. Returns the function that stops it.
   */
  readAfterJoins(read: () => void): () => void {
    this.joinReaders.add(read);
    if (this.everJoined || this.joinWaitTimer === null) read();
    else this.readersWaiting.add(read);
    return () => {
      this.joinReaders.delete(read);
      this.readersWaiting.delete(read);
    };
  }

  /** Every live event of the session, after the store applied it (screens that show more than the view use it). */
  onEvent(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the view over HTTP; events received meanwhile (and before) are applied on top by the positions rule. */
  reload(): Promise<void> {
    if (this.loading) {
      // the read under way may have started before a join: read again once it is done
      this.readAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      const startedAt = this.clock.now();
      try {
        const view = await this.api.dashboard.session(this.sessionId);
        this.notFound = 0;
        const fresh: Baseline<SessionView> = { value: view, positions: Positions.of(view.positions) };
        // never step back: a reload that answered older than what the events already showed is ignored
        if (this.baseline && !fresh.positions.covers(this.baseline.positions)) {
          this.scheduleReload(READ_MODEL_LAG_MS);
          return;
        }
        this.baseline = fresh;
        const early = this.early;
        this.early = [];
        for (const event of early) this.apply(event);
        this.commands.settleAcknowledgedBefore(this.clock.now() - ACK_GRACE_MS);
        this.publish({ status: 'ready', error: null });
        const joinedAt = this.joinedAt;
        if (joinedAt !== null && startedAt >= joinedAt && joinedAt - Date.parse(view.last_updated_at) < READ_MODEL_LAG_MS) {
          this.joinedAt = null;
          this.scheduleReload(READ_MODEL_LAG_MS);
        }
      } catch (error) {
        const apiError = error instanceof ApiError ? error : ApiError.network(error);
        if (apiError.isNotFound && !this.refused && this.notFound < NOT_FOUND_RETRIES) this.scheduleReload(notFoundDelay(this.notFound++));
        else if (apiError.isNotFound) this.publish({ status: 'not_found', error: apiError });
        else if (!this.baseline) this.publish({ status: 'error', error: apiError });
        else this.scheduleReload(2_000);
      } finally {
        this.loading = null;
        if (this.readAgain) {
          this.readAgain = false;
          void this.reload();
        }
      }
    })();
    return this.loading;
  }

  receive(event: LiveEvent): void {
    if (event.session_id !== this.sessionId) return;
    if (isEventOf(event, 'conversation.started')) {
      this.conversations.set(event.data.conversation_id, { cycle_id: event.data.cycle_id, component_type: event.data.component_type });
    }
    if (!this.baseline) {
      this.early.push(event);
    } else {
      this.apply(event);
      this.publish({});
    }
    for (const listener of [...this.listeners]) listener(event);
  }

  // ---- the user's commands, optimistic where the change is known in advance ----

  rename(title: string): Promise<boolean> {
    return this.command('rename the session', ['session.renamed'], (view) => ({ ...view, title }), (o) => this.api.sessions.rename(this.sessionId, title, o));
  }

  archive(): Promise<boolean> {
    return this.command('archive the session', ['session.archived'], (view) => ({ ...view, status: 'archived' }), (o) => this.api.sessions.archive(this.sessionId, o));
  }

  createCycle(): Promise<boolean> {
    return this.command('start a new cycle', ['cycle.created'], (view) => view, (o) => this.api.sessions.createCycle(this.sessionId, o));
  }

  branch(cycleId: string, at: ComponentType): Promise<boolean> {
    return this.command(`branch the cycle at ${at}`, ['cycle.branched'], (view) => view, (o) => this.api.cycles.branch(cycleId, at, o));
  }

  completeCycle(cycleId: string): Promise<boolean> {
    return this.command('complete the cycle', ['cycle.completed'], edits.cycleStatus(cycleId, 'completed'), (o) => this.api.cycles.complete(cycleId, o));
  }

  archiveCycle(cycleId: string): Promise<boolean> {
    return this.command('archive the cycle', ['cycle.archived'], edits.cycleStatus(cycleId, 'archived'), (o) => this.api.cycles.archive(cycleId, o));
  }

  startComponent(cycleId: string, type: ComponentType): Promise<boolean> {
    return this.command(`start ${type}`, ['component.started'], edits.componentStatus(cycleId, type, 'in_progress'), (o) => this.api.cycles.startComponent(cycleId, type, o));
  }

  completeComponent(cycleId: string, type: ComponentType): Promise<boolean> {
    return this.command(`complete ${type}`, ['component.completed'], edits.componentStatus(cycleId, type, 'complete'), (o) =>
      this.api.cycles.completeComponent(cycleId, type, o),
    );
  }

  reviseComponent(cycleId: string, type: ComponentType, reason: string): Promise<boolean> {
    return this.command(`revise ${type}`, ['component.marked_for_revision'], edits.componentStatus(cycleId, type, 'needs_revision'), (o) =>
      this.api.cycles.reviseComponent(cycleId, type, reason, o),
    );
  }

  updateOutput<T extends ComponentType>(cycleId: string, type: T, output: ComponentOutput<T>): Promise<boolean> {
    return this.command(`save ${type}`, ['component.output_updated'], edits.componentTouched(cycleId, type), (o) => this.api.cycles.updateOutput(cycleId, type, output, o));
  }

  dismissFailure(): void {
    this.publish({ failure: null });
  }

  /**
   * Runs one command: its change is drawn at once, the request carries a fresh correlation id; a failure removes
   * the change and reports the error; a success keeps it drawn until the command's event is in the view.
   * Resolves whether the command succeeded.
   */
  private async command(label: string, settlesOn: readonly EventType[], apply: (view: SessionView) => SessionView, send: (options: RequestOptions) => Promise<unknown>): Promise<boolean> {
    const id = `cmd-${++this.sequence}`;
    const correlationId = globalThis.crypto.randomUUID();
    this.commands.add({ id, correlationId, label, settlesOn, apply, acknowledgedAt: null });
    this.publish({});
    try {
      // sent before the join, its event could be logged before the feed's start and never reach the store
      const joining = this.untilJoined();
      if (joining) await joining;
      await send({ correlationId });
      this.commands.acknowledge(id, this.clock.now());
      this.publish({});
      return true;
    } catch (error) {
      this.commands.remove(id);
      this.publish({ failure: { label, error: error instanceof ApiError ? error : ApiError.network(error), at: this.clock.now() } });
      return false;
    }
  }

  private apply(event: LiveEvent): void {
    if (!this.baseline) return;
    let needsReload = false;
    const outcome = applyToBaseline(this.baseline, event, (view, e) => {
      const result = reduceSessionView(view, e, this.conversations as ConversationIndex);
      needsReload = result.needsReload;
      return result.view;
    });
    this.baseline = outcome.baseline;
    // applied or already in the view: either way the command's change is now confirmed
    this.commands.settle(event);
    if (outcome.gap || needsReload) this.scheduleReload(300);
  }

  private joined(resumed: boolean): void {
    this.refused = false;
    this.everJoined = true;
    if (this.joinWaitTimer !== null) this.clock.clearTimeout(this.joinWaitTimer);
    this.joinWaitTimer = null;
    this.releaseJoinWaits();
    if (resumed) return;
    this.joinedAt = this.clock.now();
    void this.reload();
    this.runReaders(this.joinReaders);
  }

  private runReaders(readers: Set<() => void>): void {
    const run = [...readers];
    this.readersWaiting.clear();
    for (const read of run) read();
  }

  private untilJoined(): Promise<void> | null {
    if (this.everJoined || this.joinWaitTimer === null) return null;
    return new Promise((resolve) => this.joinWaits.push(resolve));
  }

  private releaseJoinWaits(): void {
    for (const release of this.joinWaits.splice(0)) release();
  }

  private scheduleReload(ms: number): void {
    if (this.reloadTimer !== null) return;
    this.reloadTimer = this.clock.setTimeout(() => {
      this.reloadTimer = null;
      void this.reload();
    }, ms);
  }

  private publish(change: Partial<SessionState>): void {
    const current = this.state.get();
    const confirmed = this.baseline?.value ?? null;
    this.state.set({
      ...current,
      ...change,
      view: confirmed ? this.commands.drawOver(confirmed) : null,
      pending: this.commands.all.length,
    });
  }
}
