import type { ServerResponse } from 'node:http';

/** One Server-Sent Events response: opened on the first event; writes after the client left are dropped. */
export class SseStream {
  private sent = new Set<string>();
  opened = false;

  constructor(private readonly response: ServerResponse) {}

  /** `once`: skip it if an event of that name was already sent (the user message of a replayed turn). */
  send(event: string, data: unknown, options: { once?: boolean } = {}): void {
    if (options.once && this.sent.has(event)) return;
    this.open();
    this.sent.add(event);
    if (this.response.writableEnded || this.response.destroyed) return;
    this.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  end(): void {
    if (this.opened && !this.response.writableEnded) this.response.end();
  }

  private open(): void {
    if (this.opened) return;
    this.opened = true;
    this.response.statusCode = 201;
    this.response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.response.setHeader('Cache-Control', 'no-cache, no-transform');
    this.response.setHeader('Connection', 'keep-alive');
    this.response.setHeader('X-Accel-Buffering', 'no');
    this.response.flushHeaders();
  }
}

/** A JSON answer written directly (the handler owns the response to be able to stream). */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.statusCode = status;
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}
