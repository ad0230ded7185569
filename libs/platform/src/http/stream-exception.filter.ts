import { Catch, type ExceptionFilter } from '@nestjs/common';

/**
 * The stream consumer's one global filter: rethrows every handler error untouched, so the transport retries it and
 * dead-letters it with its real message (Nest's default RPC filter would turn it into "Internal server error").
 */
@Catch()
export class StreamExceptionFilter implements ExceptionFilter {
  catch(exception: unknown): never {
    throw exception;
  }
}
