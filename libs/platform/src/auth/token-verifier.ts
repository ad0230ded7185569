import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';
import type { AuthUser } from './auth-user';
import { VerifiedTokenCache } from './verified-token-cache';

/** Why a token was refused; the reason is for logs and tests, clients only ever see 401 UNAUTHORIZED. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`invalid token: ${reason}`);
    this.name = 'InvalidTokenError';
  }
}

const MAX_TOKEN_LENGTH = 8 * 1024;
const CLOCK_TOLERANCE_S = 5;

/**
 * Verifies a bearer token against the configured key (HS shared secret or the issuer's JWKS), accepting exactly the
 * configured algorithm: `alg:none`, every other algorithm (HS/RS confusion), a wrong key, an expired token and a
 * wrong issuer or audience (when configured) are refused. A token that verified is not checked again for a
 * short while (VerifiedTokenCache: until it expires, at most 60 s).
 */
@Injectable()
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly verified = new VerifiedTokenCache();

  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {
    const { secret, jwksUrl } = config.jwt;
    this.key = secret ? new TextEncoder().encode(secret) : createRemoteJWKSet(new URL(jwksUrl as string), { timeoutDuration: 5_000 });
  }

  async verify(token: string): Promise<AuthUser> {
    if (typeof token !== 'string' || token.length === 0) throw new InvalidTokenError('missing');
    if (token.length > MAX_TOKEN_LENGTH) throw new InvalidTokenError('too long');
    const known = this.verified.get(token);
    if (known) return known;
    const { algorithm, issuer, audience } = this.config.jwt;
    let payload: JWTPayload;
    try {
      const result = await jwtVerify(token, this.key as Uint8Array, {
        algorithms: [algorithm],
        issuer,
        audience,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      payload = result.payload;
    } catch (error) {
      throw new InvalidTokenError(error instanceof errors.JOSEError ? error.code : 'malformed');
    }
    const user = toAuthUser(payload);
    this.verified.set(token, user, payload.exp as number, CLOCK_TOLERANCE_S);
    return user;
  }
}

function toAuthUser(payload: JWTPayload): AuthUser {
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200) throw new InvalidTokenError('bad sub');
  const roles = payload.roles;
  if (roles !== undefined && !(Array.isArray(roles) && roles.every((role) => typeof role === 'string'))) {
    throw new InvalidTokenError('bad roles');
  }
  const email = typeof payload.email === 'string' ? payload.email : undefined;
  return { userId: payload.sub, email, roles: (roles as string[] | undefined) ?? [] };
}
