import { ApiError } from './api-error';

export interface HttpOptions {
  /** Origin and path prefix of the entry point; '' for the page's own origin (the web app). */
  baseUrl?: string;
  /** The bearer token, asked for on every request (it may change after a new sign-in). */
  token?: () => string | null;
  fetch?: typeof fetch;
  /** Bound on one request (default 20 s); streams are bounded by their caller's signal. */
  timeoutMs?: number;
}

export interface RequestOptions {
  /** Sent as X-Correlation-Id: the events of this command carry it (to settle optimistic updates). */
  correlationId?: string;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** JSON over fetch with the token, the correlation id and the error shape; the route classes build on it. */
export class HttpTransport {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.json<T>('GET', path, undefined, options);
  }

  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.json<T>('POST', path, body ?? {}, options);
  }

  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.json<T>('PUT', path, body, options);
  }

  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T> {
    return this.json<T>('PATCH', path, body, options);
  }

  async json<T>(method: Method, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, body, { ...options, headers: { accept: 'application/json', ...options.headers } });
    return (await readBody(response)) as T;
  }

  /** The raw response of a successful request (a stream); an error status throws the ApiError. */
  async send(method: Method, path: string, body: unknown, options: RequestOptions = {}, timeout = true): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    const token = this.options.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.correlationId) headers['x-correlation-id'] = options.correlationId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const signals = [options.signal, timeout ? AbortSignal.timeout(this.timeoutMs) : undefined].filter((s): s is AbortSignal => s !== undefined);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: signals.length > 0 ? AbortSignal.any(signals) : undefined,
      });
    } catch (error) {
      throw ApiError.network(error);
    }
    if (!response.ok) throw ApiError.fromResponse(response.status, await readBody(response).catch(() => null), response.headers.get('retry-after'));
    return response;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch((error: unknown) => {
    throw ApiError.network(error);
  });
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Path segments from callers (ids, component types) are always encoded. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
