import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { PreferencesResponse } from './notification.responses';
import { AcceptBodyTypes, ApiError, ApiErrors, Public } from '@choice-sherpa/platform';
import { NotificationPreferences } from '../application/notification-preferences';
import { InvalidUnsubscribeToken } from '../application/ports';
import { unsubscribePage } from '../domain/templates/unsubscribe-page';
import { toPreferencesResponse } from './preferences.controller';
import { UnsubscribeQuery } from './notification.requests';

/** The parts of Express's request and response used here (the platform runs on Express). */
interface Request {
  path: string;
  accepts(types: string[]): string | false;
}
interface Response {
  status(code: number): Response;
  type(type: string): Response;
}

/**
 * RFC 8058 one-click unsubscribe (no login: the signed token is the authority). Mail providers POST to the
 * List-Unsubscribe URL; a person who opens it gets a page whose button sends that same POST.
 */
@Controller('api/notifications/unsubscribe')
@ApiTags('notifications')
@ApiExtraModels(PreferencesResponse)
@Public()
export class UnsubscribeController {
  constructor(private readonly preferences: NotificationPreferences) {}

  @Post()
  @HttpCode(200)
  // RFC 8058: the body is the fixed form `List-Unsubscribe=One-Click` (urlencoded or multipart); nothing reads it.
  @AcceptBodyTypes('application/x-www-form-urlencoded', 'multipart/form-data')
  @ApiConsumes('application/x-www-form-urlencoded', 'multipart/form-data')
  @ApiBody({ required: false, schema: { type: 'object', properties: { 'List-Unsubscribe': { type: 'string', enum: ['One-Click'] } } }, examples: { 'one-click': { value: { 'List-Unsubscribe': 'One-Click' } } } })
  @ApiOkResponse({
    description: 'The preferences now (JSON), or a page saying it is done (Accept: text/html)',
    content: { 'application/json': { schema: { $ref: getSchemaPath(PreferencesResponse) } }, 'text/html': { schema: { type: 'string' } } },
  })
  @ApiErrors(invalidToken(), new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'the request body must be application/x-www-form-urlencoded or multipart/form-data'))
  async unsubscribe(@Query() query: UnsubscribeQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const wantsPage = request.accepts(['json', 'html']) === 'html';
    try {
      const result = toPreferencesResponse(await this.preferences.unsubscribe(query.token));
      if (!wantsPage) return result;
      response.type('html');
      return unsubscribePage('done', '');
    } catch (error) {
      if (!(error instanceof InvalidUnsubscribeToken)) throw error;
      if (!wantsPage) throw invalidToken();
      response.status(400).type('html');
      return unsubscribePage('invalid', '');
    }
  }

  @Get()
  @ApiOkResponse({ description: 'A page whose button sends the one-click POST; 400 with a page when the token is invalid', content: { 'text/html': { schema: { type: 'string' } } } })
  async page(@Query() query: UnsubscribeQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    response.type('html');
    try {
      await this.preferences.checkToken(query.token);
      return unsubscribePage('confirm', `${request.path}?token=${encodeURIComponent(query.token)}`);
    } catch (error) {
      if (!(error instanceof InvalidUnsubscribeToken)) throw error;
      response.status(400);
      return unsubscribePage('invalid', '');
    }
  }
}

function invalidToken(): ApiError {
  return new ApiError(400, 'INVALID_TOKEN', 'the unsubscribe link is invalid or has expired', [{ field: 'token', problems: ['invalid or expired'] }]);
}
