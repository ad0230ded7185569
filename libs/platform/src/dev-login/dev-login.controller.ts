import { Body, CanActivate, Controller, HttpCode, Inject, Injectable, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SignJWT } from 'jose';
import { Public } from '../auth/auth.decorators';
import { PLATFORM_CONFIG, PlatformConfig } from '../config/platform-config';
import { notFound } from '../errors/api-error';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { DevTokenRequest, DevTokenResponse } from './dev-token.request';

const TOKEN_TTL_S = 12 * 3600;

/** Off (no DEV_LOGIN=true, or no local secret): the route does not exist, whatever the body (guards run before validation). */
@Injectable()
class DevLoginEnabled implements CanActivate {
  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {}

  canActivate(): boolean {
    if (!this.config.devLogin || !this.config.jwt.secret) throw notFound('route');
    return true;
  }
}

/**
 * Local sign-in for development (API.md): a token for any user id, signed with the shared secret. Exists only with
 * DEV_LOGIN=true and a local HS secret; otherwise the route answers 404 like any unknown path.
 */
@Controller('api/dev')
@ApiTags('development')
@Public()
@UseGuards(DevLoginEnabled)
export class DevLoginController {
  constructor(@Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig) {}

  @Post('token')
  @HttpCode(200)
  @ApiOkResponse({ type: DevTokenResponse })
  @ApiErrors(notFound('route'))
  async token(@Body() request: DevTokenRequest): Promise<DevTokenResponse> {
    const { secret, algorithm, issuer, audience } = this.config.jwt;
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ roles: [], ...(request.email ? { email: request.email } : {}) })
      .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
      .setSubject(request.user_id)
      .setIssuedAt(now)
      .setExpirationTime(now + TOKEN_TTL_S);
    if (issuer) jwt.setIssuer(issuer);
    if (audience) jwt.setAudience(audience);
    return { token: await jwt.sign(new TextEncoder().encode(secret!)) };
  }
}
