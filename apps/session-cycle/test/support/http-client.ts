export interface HttpResult<T = any> {
  status: number;
  body: T;
}

/** A tiny JSON client over fetch: `body` is JSON-encoded unless it is already a string (raw, possibly malformed). */
export class HttpClient {
  constructor(private readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      // non-JSON responses are returned as text for the assertion message
    }
    return { status: response.status, body: parsed as T };
  }

  /** Bound to one user's token. */
  as(token: string) {
    return {
      get: <T = any>(path: string) => this.request<T>('GET', path, { token }),
      post: <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, { token, body }),
      put: <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, { token, body }),
      patch: <T = any>(path: string, body?: unknown) => this.request<T>('PATCH', path, { token, body }),
      send: <T = any>(method: string, path: string, body?: unknown) => this.request<T>(method, path, { token, body }),
    };
  }
}

export type UserClient = ReturnType<HttpClient['as']>;
