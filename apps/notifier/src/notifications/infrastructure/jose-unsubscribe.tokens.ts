import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { NOTIFIER_SETTINGS_TOKEN, NotifierSettings } from '../../notifier.settings';
import { InvalidUnsubscribeToken, UnsubscribeTokens } from '../application/ports';

const ISSUER = 'choice-sherpa-notifier';
const AUDIENCE = 'unsubscribe:cycle_summaries';
const TYPE = 'unsubscribe+jwt';

/**
 * One-click unsubscribe tokens: an HS256 JWT under the notifier's own key, bound to one user (`sub`), one purpose
 * (`aud`, `typ`) and a lifetime (`exp`). Changing any byte, or the user it names, breaks the signature.
 */
@Injectable()
export class JoseUnsubscribeTokens implements UnsubscribeTokens {
  constructor(@Inject(NOTIFIER_SETTINGS_TOKEN) private readonly settings: NotifierSettings) {}

  issue(userId: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: TYPE })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + Math.floor(this.settings.unsubscribeTokenTtlMs / 1000))
      .sign(this.settings.unsubscribeKey);
  }

  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.settings.unsubscribeKey, {
        algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, typ: TYPE, requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('no subject');
      return payload.sub;
    } catch {
      throw new InvalidUnsubscribeToken('the unsubscribe token is invalid or expired');
    }
  }
}
