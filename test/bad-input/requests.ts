import type { TestStack } from '../support/test-stack';
import type { Service } from '../support/services';

export interface Sent {
  service: Service;
  method: string;
  path: string;
  status: number;
  body: any;
}

/**
 * Raw requests for the bad-input suite (any body text, any content type), each remembered with its status so the
 * suite can check afterwards that none answered 500.
 */
export class RawRequests {
  readonly sent: Sent[] = [];

  constructor(private readonly stack: TestStack) {}

  /** Without `token`, no Authorization header (the public routes). */
  async send(service: Service, method: string, path: string, options: { token?: string; body?: string; contentType?: string; accept?: string }): Promise<Sent> {
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
    const response = await fetch(`${this.stack.url(service)}${path}`, { method, headers, body: options.body, signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: kept as text for the failure message
    }
    const sent = { service, method, path, status: response.status, body };
    this.sent.push(sent);
    return sent;
  }

  /** Field paths named in a 400's details. */
  static fields(sent: Sent): string[] {
    return ((sent.body?.error?.details ?? []) as { field?: string }[]).map((detail) => detail.field ?? '');
  }
}
