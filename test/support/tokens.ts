import { SignJWT } from 'jose';
import { recordConfidential } from './run-logs';

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
}

export interface TokenOptions {
  roles?: string[];
  email?: string;
  /** Lifetime, e.g. '1h' (default) or a negative offset for an already expired token. */
  expiresIn?: string;
}

/** An HS256 token signed with the stack's test secret, as a real client would hold: `sub` is the user id. */
export async function mintToken(settings: TokenSettings, userId: string, options: TokenOptions = {}): Promise<string> {
  const claims: Record<string, unknown> = {};
  if (options.roles) claims.roles = options.roles;
  if (options.email) {
    claims.email = options.email;
    recordConfidential([options.email]);
  }
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(new TextEncoder().encode(settings.secret));
}
