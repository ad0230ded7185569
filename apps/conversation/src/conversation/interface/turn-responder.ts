import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FacilitatorUnavailableError } from '../application/facilitator.port';
import { SILENT_LISTENER, type TurnListener, type TurnResult } from '../application/turn-result';
import { ConversationError } from '../domain/conversation-errors';
import { sendJson, SseStream } from './sse-stream';

const logger = new Logger('TurnResponder');

export function unavailable() {
  return { code: 'AI_UNAVAILABLE', message: 'the AI facilitator is unavailable; your message is kept, retry the reply shortly' };
}

/**
 * Answers a turn as JSON (201) or, with `Accept: text/event-stream`, as Server-Sent Events: user_message, delta…,
 * assistant_message, extraction, done, or error. Refusals before the user message is stored are ordinary error
 * responses; a failure after it is an `error` event. The turn runs to its end even if the client goes away.
 */
export async function respondWithTurn(request: IncomingMessage, response: ServerResponse, run: (listener: TurnListener) => Promise<TurnResult>): Promise<void> {
  if (!(request.headers.accept ?? '').includes('text/event-stream')) {
    try {
      sendJson(response, 201, await run(SILENT_LISTENER));
    } catch (error) {
      if (!(error instanceof FacilitatorUnavailableError)) throw error;
      sendJson(response, 503, { error: { ...unavailable(), details: [] } }, { 'Retry-After': String(error.retryAfterSeconds) });
    }
    return;
  }
  const stream = new SseStream(response);
  try {
    const result = await run({ userMessage: (message) => stream.send('user_message', message), delta: (text) => stream.send('delta', { text }) });
    stream.send('user_message', result.user_message, { once: true });
    stream.send('assistant_message', result.assistant_message);
    stream.send('extraction', result.extraction);
    stream.send('done', { conversation: result.conversation });
  } catch (error) {
    if (!stream.opened) {
      if (!(error instanceof FacilitatorUnavailableError)) throw error;
      sendJson(response, 503, { error: { ...unavailable(), details: [] } }, { 'Retry-After': String(error.retryAfterSeconds) });
      return;
    }
    if (error instanceof FacilitatorUnavailableError) stream.send('error', { ...unavailable(), retry_after: error.retryAfterSeconds });
    else if (error instanceof ConversationError) stream.send('error', { code: error.code, message: error.message });
    else {
      logger.error({ msg: 'turn failed mid-stream', error: (error as Error).name });
      stream.send('error', { code: 'INTERNAL', message: 'internal error' });
    }
  } finally {
    stream.end();
  }
}
