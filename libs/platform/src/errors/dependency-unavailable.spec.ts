import { ApiExceptionFilter } from './api-exception.filter';
import { isDependencyUnavailable } from './dependency-unavailable';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('errors of unavailable dependencies answer 503, not 500', () => {
  const filter = new ApiExceptionFilter();

  it.each([
    ['pg-pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['server shutting down (57P01)', Object.assign(new Error('QueryFailedError'), { name: 'QueryFailedError', driverError: withCode('terminating connection', '57P01') })],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['connection exception class 08', withCode('connection failure', '08006')],
    ['wrapped as a cause', new Error('load failed', { cause: new Error('Connection terminated unexpectedly') })],
  ])('%s → 503 UNAVAILABLE', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
    const { status, body } = filter.toResponse(error);
    expect(status).toBe(503);
    expect(body.error.code).toBe('UNAVAILABLE');
    expect(body.error.message).not.toContain('127.0.0.1');
  });

  it.each([
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a unique violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['not an Error', 'boom'],
  ])('%s stays 500 INTERNAL', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
    const { status, body } = filter.toResponse(error);
    expect(status).toBe(500);
    expect(body.error).toEqual({ code: 'INTERNAL', message: 'internal error', details: [] });
  });
});
