import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One scripted answer of the stand-in provider; unscripted requests get `fallback`. */
export type ProviderStep =
  | { kind: 'reply'; text: string; firstChunkDelayMs?: number; chunkDelayMs?: number; holdAfterFirstChunk?: Promise<void> }
  | { kind: 'json'; content: string }
  | { kind: 'status'; status: number; retryAfter?: string; body?: unknown }
  | { kind: 'hang' };

export interface RecordedRequest {
  body: { model: string; stream?: boolean; messages: Array<{ role: string; content: string }>; response_format?: { type: string } };
  authorization: string | undefined;
  at: number;
  /** performance.now() when the first streamed chunk was written. */
  firstChunkAt?: number;
}

/**
 * A real HTTP server speaking the OpenAI chat-completions protocol, streamed (SSE `data:` chunks and `[DONE]`) and
 * not: the only stand-in the tests use, for a remote AI provider that cannot run here.
 */
export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: ProviderStep[] = [];
  private readonly open = new Set<ServerResponse>();
  fallback: (request: RecordedRequest) => ProviderStep = (request) =>
    request.body.response_format || !request.body.stream ? { kind: 'json', content: '{}' } : { kind: 'reply', text: 'Tell me more.' };

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeOpenAiServer> {
    let fake: FakeOpenAiServer | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    fake = new FakeOpenAiServer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Answers for the next requests, in order. */
  script(...steps: ProviderStep[]): this {
    this.queue.push(...steps);
    return this;
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const request: RecordedRequest = { body: JSON.parse(Buffer.concat(chunks).toString('utf8')), authorization: req.headers.authorization, at: Date.now() };
    this.requests.push(request);
    const step = this.queue.shift() ?? this.fallback(request);
    this.open.add(res);
    res.once('close', () => this.open.delete(res));
    if (step.kind === 'hang') return;
    if (step.kind === 'status') {
      res.writeHead(step.status, { 'content-type': 'application/json', ...(step.retryAfter ? { 'retry-after': step.retryAfter } : {}) });
      res.end(JSON.stringify(step.body ?? { error: { message: 'scripted failure', type: 'server_error' } }));
      return;
    }
    const text = step.kind === 'reply' ? step.text : step.content;
    if (!request.body.stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(completion(request.body.model, text)));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const pieces = text.match(/\S+\s*/g) ?? [text];
    if (step.kind === 'reply' && step.firstChunkDelayMs) await new Promise((resolve) => setTimeout(resolve, step.firstChunkDelayMs));
    for (const [index, piece] of pieces.entries()) {
      if (index === 0) request.firstChunkAt = performance.now();
      res.write(`data: ${JSON.stringify(chunk(request.body.model, { ...(index === 0 ? { role: 'assistant' } : {}), content: piece }, null))}\n\n`);
      if (index === 0 && step.kind === 'reply' && step.holdAfterFirstChunk) await step.holdAfterFirstChunk;
      if (step.kind === 'reply' && step.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, step.chunkDelayMs));
    }
    res.write(`data: ${JSON.stringify(chunk(request.body.model, {}, 'stop'))}\n\n`);
    res.end('data: [DONE]\n\n');
  }
}

function completion(model: string, content: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null) {
  return { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish }] };
}
