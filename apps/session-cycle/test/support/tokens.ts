import { SignJWT } from 'jose';

/** A development token signed with the test's shared secret, as `npm run token` would mint it. */
export async function mintToken(secret: string, userId: string, options: { email?: string; roles?: string[] } = {}): Promise<string> {
  return new SignJWT({ email: options.email ?? `${userId}@example.test`, roles: options.roles ?? [] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}
