import { Logger } from '@nestjs/common';
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { outputJsonSchema } from '@choice-sherpa/events/outputs';
import type { ConversationSettings } from '../../../conversation.settings';
import { Facilitator, FacilitatorUnavailableError, type FacilitatorRequest, type ReplyIntent } from '../../application/facilitator.port';
import { extractionMessages, jsonFromText, replyMessages } from './prompts';
import { withRetries } from './retries';

/**
 * Any OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM, LM Studio...) through the official client.
 * Replies stream; extraction asks for structured output (a JSON schema response format) and falls back to JSON in
 * the text when the server refuses that format. Retries are ours (bounded, honouring Retry-After), timeouts too.
 */
export class OpenAiFacilitator extends Facilitator {
  readonly provider = 'openai';
  private readonly logger = new Logger(OpenAiFacilitator.name);
  private readonly client: OpenAI;
  /** Learned once per process: false after the server refused the JSON schema response format. */
  private structuredOutput = true;

  constructor(private readonly settings: ConversationSettings) {
    super();
    this.client = new OpenAI({ apiKey: settings.apiKey ?? 'not-needed', baseURL: settings.baseUrl, timeout: settings.timeoutMs, maxRetries: 0 });
  }

  async reply(request: FacilitatorRequest & { intent: ReplyIntent }, onDelta: (text: string) => void): Promise<string> {
    const messages = replyMessages(request, this.settings.historyChars);
    let streamed = false;
    return withRetries(this.settings, () => !streamed, async (signal, idle) => {
      const stream = await this.client.chat.completions.create({ model: this.settings.model, messages, stream: true }, { signal });
      let text = '';
      for await (const chunk of stream) {
        idle();
        const delta = chunk.choices[0]?.delta?.content;
        if (!delta) continue;
        streamed = true;
        text += delta;
        onDelta(delta);
      }
      return text;
    }).catch((error) => this.fail(error));
  }

  async extract(request: FacilitatorRequest): Promise<unknown> {
    if (this.structuredOutput) {
      try {
        const completion = await withRetries(this.settings, () => true, (signal) =>
          this.client.chat.completions.create(
            {
              model: this.settings.model,
              messages: extractionMessages(request, this.settings.historyChars, false),
              response_format: { type: 'json_schema', json_schema: { name: `${request.componentType}_output`, schema: outputJsonSchema(request.componentType) } },
            },
            { signal },
          ),
        );
        return jsonFromText(completion.choices[0]?.message?.content ?? '');
      } catch (error) {
        if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return this.fail(error);
        this.structuredOutput = false;
        this.logger.warn({ msg: 'the server refused structured output; extracting JSON from text from now on', status: error.status });
      }
    }
    const completion = await withRetries(this.settings, () => true, (signal) =>
      this.client.chat.completions.create({ model: this.settings.model, messages: extractionMessages(request, this.settings.historyChars, true) }, { signal }),
    ).catch((error) => this.fail(error));
    return jsonFromText(completion.choices[0]?.message?.content ?? '');
  }

  /** Every provider failure is AI_UNAVAILABLE for the user; the log names the kind and status, never content or key. */
  private fail(error: unknown): never {
    if (error instanceof FacilitatorUnavailableError) throw error;
    const status = error instanceof APIError ? error.status : undefined;
    this.logger.warn({ msg: 'AI provider request failed', error: (error as Error)?.name, status });
    if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) throw new FacilitatorUnavailableError('timeout', 5);
    if (error instanceof APIConnectionError) throw new FacilitatorUnavailableError('unavailable', 5);
    if (status === 429) throw new FacilitatorUnavailableError('rate_limited', 30);
    if (status !== undefined && status >= 500) throw new FacilitatorUnavailableError('unavailable', 5);
    throw new FacilitatorUnavailableError('error', 30);
  }
}
