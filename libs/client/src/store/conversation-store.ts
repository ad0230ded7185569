import type { ComponentType } from '../domain/vocabulary';
import { ApiError } from '../http/api-error';
import type { Conversation, Extraction, Message } from '../http/api-types';
import type { ChoiceSherpaApi } from '../http/choice-sherpa-api';
import { randomKey } from '../http/conversations.api';
import { Observable, ObservableValue } from '../live/observable';
import type { SessionStore } from './session-store';

export interface ConversationViewState {
  status: 'loading' | 'ready' | 'not_found' | 'error';
  conversation: Conversation | null;
  /** the reply being streamed, as far as it has come */
  streaming: { user: Message | null; text: string } | null;
  /** the last extraction answered by a send: shown for confirmation */
  extraction: Extraction | null;
  error: ApiError | null;
  /** the message whose send failed, with its key: `retry` sends it again without a second stored copy */
  failed: { content: string; key: string } | null;
}

/**
 * The conversation of one component: loaded over HTTP, streamed replies, and kept current when another tab (or a
 * consumer) adds a message: a `conversation.message_sent` or `data_extracted` of it reloads it.
 */
export class ConversationStore {
  private readonly state = new ObservableValue<ConversationViewState>({ status: 'loading', conversation: null, streaming: null, extraction: null, error: null, failed: null });
  private stopListening: (() => void) | null = null;
  private stopReading: (() => void) | null = null;
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;
  private sending = false;

  constructor(
    private readonly session: SessionStore,
    private readonly api: ChoiceSherpaApi,
    readonly cycleId: string,
    readonly type: ComponentType,
  ) {}

  get conversation(): Observable<ConversationViewState> {
    return this.state;
  }

  start(): () => void {
    this.stopListening = this.session.onEvent((event) => {
      const conversation = this.state.get().conversation;
      const ours =
        (event.event_type === 'conversation.message_sent' || event.event_type === 'conversation.data_extracted') && event.data.conversation_id === conversation?.id;
      const started = event.event_type === 'conversation.started' && event.data.cycle_id === this.cycleId && event.data.component_type === this.type;
      if ((ours && !this.sending) || (started && !conversation)) this.scheduleReload();
    });
    // read once the session's feed is joined (and after each join that did not resume): no message falls in between
    this.stopReading = this.session.readAfterJoins(() => void this.reload());
    return () => {
      this.stopListening?.();
      this.stopReading?.();
      if (this.reloadTimer) clearTimeout(this.reloadTimer);
    };
  }

  async reload(): Promise<void> {
    try {
      const conversation = await this.api.conversations.find(this.cycleId, this.type);
      this.state.update((s) => ({ ...s, status: 'ready', conversation, error: null }));
    } catch (error) {
      const apiError = error instanceof ApiError ? error : ApiError.network(error);
      this.state.update((s) => ({ ...s, status: apiError.isNotFound ? 'not_found' : 'error', error: apiError }));
    }
  }

  /** Sends a message and streams the reply; the Idempotency-Key makes a retry after a failure safe. */
  async send(content: string, key: string = randomKey()): Promise<boolean> {
    const conversation = this.state.get().conversation;
    if (!conversation || this.sending) return false;
    this.sending = true;
    this.state.update((s) => ({ ...s, streaming: { user: null, text: '' }, error: null, failed: null }));
    try {
      const result = await this.api.conversations.sendStreaming(
        conversation.id,
        content,
        {
          onUserMessage: (user) => this.state.update((s) => ({ ...s, streaming: { user, text: s.streaming?.text ?? '' } })),
          onDelta: (text) => this.state.update((s) => ({ ...s, streaming: { user: s.streaming?.user ?? null, text: (s.streaming?.text ?? '') + text } })),
        },
        { idempotencyKey: key },
      );
      this.state.update((s) => ({ ...s, extraction: result.extraction, streaming: null }));
      await this.reload();
      return true;
    } catch (error) {
      const apiError = error instanceof ApiError ? error : ApiError.network(error);
      this.state.update((s) => ({ ...s, streaming: null, error: apiError, failed: { content, key } }));
      await this.reload();
      return false;
    } finally {
      this.sending = false;
    }
  }

  /** After AI_UNAVAILABLE the user message is stored: ask for the reply again; after a network failure, resend. */
  async retry(): Promise<boolean> {
    const { failed, error, conversation } = this.state.get();
    if (!failed || !conversation) return false;
    if (error?.code === 'AI_UNAVAILABLE') {
      try {
        const result = await this.api.conversations.retryReply(conversation.id);
        this.state.update((s) => ({ ...s, extraction: result.extraction, error: null, failed: null }));
        await this.reload();
        return true;
      } catch (retryError) {
        this.state.update((s) => ({ ...s, error: retryError instanceof ApiError ? retryError : ApiError.network(retryError) }));
        return false;
      }
    }
    return this.send(failed.content, failed.key);
  }

  private scheduleReload(): void {
    if (this.reloadTimer) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.reload();
    }, 100);
  }
}
