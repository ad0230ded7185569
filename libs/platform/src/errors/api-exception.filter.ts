import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject, Optional } from '@nestjs/common';
import { BaseWsExceptionFilter } from '@nestjs/websockets';
import { activeCorrelationId } from '../correlation/correlation-context';
import type { PlatformLogger } from '../logging/logger';
import { PLATFORM_LOGGER } from '../logging/logger.token';
import { describeError } from '../logging/describe-error';
import { ApiError, ApiErrorBody } from './api-error';
import { codeForStatus } from './error-codes';
import { isDependencyUnavailable, UNAVAILABLE_RETRY_AFTER_S } from './dependency-unavailable';

interface HttpResponse {
  headersSent?: boolean;
  status(code: number): HttpResponse;
  setHeader?(name: string, value: string): void;
  json(body: unknown): void;
}

/** Errors raised by body-parser before Nest sees the request carry `status` and `type`. */
interface ParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/**
 * The one error shape `{"error":{"code","message","details"}}` for every HTTP failure. Anything not meant for the
 * client becomes 500 INTERNAL with a fixed message; the cause is logged with the correlation id.
 * (Stream messages have their own filter, StreamExceptionFilter: connectStreamConsumer.)
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly ws = new BaseWsExceptionFilter();

  constructor(@Optional() @Inject(PLATFORM_LOGGER) private readonly logger?: PlatformLogger) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() === 'ws') return this.ws.catch(exception, host);
    const response = host.switchToHttp().getResponse<HttpResponse>();
    const { status, body } = this.toResponse(exception);
    if (response.headersSent) return undefined;
    if (status === 503) response.setHeader?.('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
    response.status(status).json(body);
    return undefined;
  }

  toResponse(exception: unknown): { status: number; body: ApiErrorBody } {
    if (exception instanceof ApiError) return { status: exception.getStatus(), body: exception.toBody() };
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    const parser = exception as ParserError | undefined;
    const parserStatus = parser?.status ?? parser?.statusCode;
    if (parser?.type && parser.expose && typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      return { status: parserStatus, body: shape(codeForStatus(parserStatus), parserMessage(parser.type, parserStatus)) };
    }
    if (isDependencyUnavailable(exception)) {
      this.logger?.warn({ error: describeError(exception), correlation_id: activeCorrelationId() }, 'dependency unavailable');
      return { status: 503, body: shape(codeForStatus(503), 'service temporarily unavailable, retry shortly') };
    }
    this.logUnexpected(exception);
    return { status: 500, body: shape('INTERNAL', 'internal error') };
  }

  private fromHttpException(exception: HttpException): { status: number; body: ApiErrorBody } {
    const status = exception.getStatus();
    if (status >= 500) {
      this.logUnexpected(exception);
      const message = status === 500 ? 'internal error' : exception.message;
      return { status, body: shape(codeForStatus(status), message) };
    }
    const response = exception.getResponse();
    const details = typeof response === 'object' && response !== null && Array.isArray((response as { details?: unknown }).details)
      ? ((response as { details: unknown[] }).details)
      : [];
    return { status, body: shape(codeForStatus(status), clientMessage(exception, status), details) };
  }

  private logUnexpected(exception: unknown): void {
    this.logger?.error({ error: describeError(exception), correlation_id: activeCorrelationId() }, 'unhandled error');
  }
}

function shape(code: string, message: string, details: unknown[] = []): ApiErrorBody {
  return { error: { code, message, details } };
}

function clientMessage(exception: HttpException, status: number): string {
  // Express body-parser failures arrive wrapped (cause = the http-errors instance with its `type`).
  const parserType = (exception.cause as ParserError | undefined)?.type;
  if (typeof parserType === 'string') return parserMessage(parserType, status);
  if (status === 404 && /^Cannot [A-Z]+ /.test(exception.message)) return 'route not found';
  if (status === 429) return 'too many requests';
  return exception.message;
}

function parserMessage(type: string, status: number): string {
  if (type === 'entity.too.large') return 'request body too large';
  if (type === 'entity.parse.failed') return 'request body is not valid JSON';
  if (status === 415) return 'unsupported content type or encoding';
  return 'request body could not be read';
}
