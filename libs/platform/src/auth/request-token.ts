import type { AuthUser } from './auth-user';
import { bearerToken } from './bearer-token';
import type { TokenVerifier } from './token-verifier';

interface HeaderRequest {
  headers: Record<string, string | string[] | undefined>;
}

export type TokenCheck = { status: 'missing' } | { status: 'invalid' } | { status: 'valid'; user: AuthUser };

const checks = new WeakMap<object, Promise<TokenCheck>>();

/**
 * The request's bearer token, verified once per request: the rate limiter (which keys by user when a valid token is
 * present) and the JWT guard ask the same question, and the answer is shared.
 */
export function checkRequestToken(request: HeaderRequest, verifier: TokenVerifier): Promise<TokenCheck> {
  let check = checks.get(request);
  if (!check) {
    const header = request.headers.authorization;
    const token = bearerToken(typeof header === 'string' ? header : undefined);
    check = token
      ? verifier.verify(token).then(
          (user): TokenCheck => ({ status: 'valid', user }),
          (): TokenCheck => ({ status: 'invalid' }),
        )
      : Promise.resolve({ status: 'missing' });
    checks.set(request, check);
  }
  return check;
}
