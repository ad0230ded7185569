import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@choice-sherpa/platform';
import { ERRORS } from '../../shared/interface/api-errors';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AuthUser, CurrentUser } from '@choice-sherpa/platform';
import { EmptyBody } from '../../shared/interface/empty-body';
import { IdParams } from '../../shared/interface/id-params';
import { ArchiveSessionCommand } from '../application/commands/archive-session/archive-session.command';
import { CreateSessionCommand } from '../application/commands/create-session/create-session.command';
import { RenameSessionCommand } from '../application/commands/rename-session/rename-session.command';
import { GetSessionQuery } from '../application/queries/get-session/get-session.query';
import { ListSessionsQuery } from '../application/queries/list-sessions/list-sessions.query';
import { CreateSessionRequest, RenameSessionRequest } from './session.requests';
import { SessionResponse, toSessionResponse } from './session.response';

@Controller('api/sessions')
@ApiTags('sessions')
export class SessionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: SessionResponse })
  @ApiErrors(ERRORS.titleInvalid, ERRORS.sessionLimit)
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateSessionRequest): Promise<SessionResponse> {
    return toSessionResponse(await this.commands.execute(new CreateSessionCommand(user.userId, body.title, body.description ?? null)));
  }

  @Get()
  @ApiOkResponse({ type: [SessionResponse] })
  async list(@CurrentUser() user: AuthUser): Promise<SessionResponse[]> {
    return (await this.queries.execute(new ListSessionsQuery(user.userId))).map(toSessionResponse);
  }

  @Get(':id')
  @ApiOkResponse({ type: SessionResponse })
  @ApiErrors(ERRORS.sessionNotFound)
  async get(@CurrentUser() user: AuthUser, @Param() params: IdParams): Promise<SessionResponse> {
    return toSessionResponse(await this.queries.execute(new GetSessionQuery(user.userId, params.id)));
  }

  @Patch(':id')
  @ApiOkResponse({ type: SessionResponse })
  @ApiErrors(ERRORS.titleInvalid, ERRORS.sessionNotFound, ERRORS.sessionArchived, ERRORS.concurrent)
  async rename(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() body: RenameSessionRequest): Promise<SessionResponse> {
    return toSessionResponse(await this.commands.execute(new RenameSessionCommand(user.userId, params.id, body.title)));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  @ApiErrors(ERRORS.sessionNotFound, ERRORS.sessionTransition, ERRORS.concurrent)
  async archive(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() _body: EmptyBody): Promise<SessionResponse> {
    return toSessionResponse(await this.commands.execute(new ArchiveSessionCommand(user.userId, params.id)));
  }
}
