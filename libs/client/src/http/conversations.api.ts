import type { ComponentType } from '../domain/vocabulary';
import { ApiError } from './api-error';
import type { Conversation, ConversationPhase, ConversationState, Extraction, Message, MessageResult } from './api-types';
import { HttpTransport, RequestOptions, segment } from './http-transport';
import { readServerSentEvents } from './sse';

export interface SendMessageOptions extends RequestOptions {
  /**
   * Idempotency-Key (API.md): a repeat with the same key and body answers the first result again, with no second
   * model call and no second stored message. Generated when not given, so a retry of one send reuses its key.
   */
  idempotencyKey?: string;
}

export interface StreamHandlers {
  onUserMessage?: (message: Message) => void;
  /** each piece of the reply as the model produces it */
  onDelta?: (text: string) => void;
  onAssistantMessage?: (message: Message) => void;
  onExtraction?: (extraction: Extraction | null) => void;
}

/** `/api/conversations*` (conversation): the facilitated chat of each component. */
export class ConversationsApi {
  constructor(private readonly http: HttpTransport) {}

  find(cycleId: string, componentType: ComponentType, options?: RequestOptions): Promise<Conversation> {
    const query = new URLSearchParams({ cycle_id: cycleId, component_type: componentType });
    return this.http.get(`/api/conversations?${query}`, options);
  }

  get(conversationId: string, options?: RequestOptions): Promise<Conversation> {
    return this.http.get(`/api/conversations/${segment(conversationId)}`, options);
  }

  send(conversationId: string, content: string, options: SendMessageOptions = {}): Promise<MessageResult> {
    return this.http.post(`/api/conversations/${segment(conversationId)}/messages`, { content }, withKey(options));
  }

  /** A new assistant reply to the last user message, when generating it failed before (503 AI_UNAVAILABLE). */
  retryReply(conversationId: string, options?: RequestOptions): Promise<MessageResult> {
    return this.http.post(`/api/conversations/${segment(conversationId)}/reply`, undefined, options);
  }

  /**
   * Sends a message and streams the reply (Accept: text/event-stream): the handlers see the stored user message,
   * each delta, the stored reply and the extraction; resolves with the same result as `send`. An `error` event
   * rejects with its ApiError (the user message is kept; `retryReply` asks again).
   */
  async sendStreaming(conversationId: string, content: string, handlers: StreamHandlers, options: SendMessageOptions = {}): Promise<MessageResult> {
    const keyed = withKey(options);
    const response = await this.http.send(
      'POST',
      `/api/conversations/${segment(conversationId)}/messages`,
      { content },
      { ...keyed, headers: { ...keyed.headers, accept: 'text/event-stream' } },
      false,
    );
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) return (await response.json()) as MessageResult;
    if (!response.body) throw new ApiError(response.status, 'UNEXPECTED', 'the reply stream has no body');
    const result: Partial<MessageResult> = {};
    try {
      for await (const { event, data } of readServerSentEvents(response.body)) {
        const value = data ? JSON.parse(data) : null;
        switch (event) {
          case 'user_message':
            result.user_message = value;
            handlers.onUserMessage?.(value);
            break;
          case 'delta':
            handlers.onDelta?.(String(value?.text ?? ''));
            break;
          case 'assistant_message':
            result.assistant_message = value;
            handlers.onAssistantMessage?.(value);
            break;
          case 'extraction':
            result.extraction = value;
            handlers.onExtraction?.(value);
            break;
          case 'done':
            if (value?.conversation) result.conversation = value.conversation as { state: ConversationState; phase: ConversationPhase };
            return complete(result);
          case 'error':
            throw new ApiError(value?.status ?? 503, String(value?.code ?? 'UNAVAILABLE'), String(value?.message ?? 'the reply failed'), value?.details ?? []);
        }
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw ApiError.network(error);
    }
    return complete(result);
  }
}

function withKey(options: SendMessageOptions): RequestOptions {
  const { idempotencyKey, ...rest } = options;
  return { ...rest, headers: { ...rest.headers, 'idempotency-key': idempotencyKey ?? randomKey() } };
}

function complete(result: Partial<MessageResult>): MessageResult {
  if (!result.user_message || !result.assistant_message) throw new ApiError(0, 'NETWORK', 'the reply stream ended early; the reply will be in the conversation');
  return {
    user_message: result.user_message,
    assistant_message: result.assistant_message,
    extraction: result.extraction ?? null,
    conversation: result.conversation ?? { state: 'in_progress', phase: 'gather' },
  };
}

export function randomKey(): string {
  return globalThis.crypto.randomUUID();
}
