import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
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
import type { SessionResponse } from './session.response';

@Controller('api/sessions')
export class SessionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() body: CreateSessionRequest): Promise<SessionResponse> {
    return this.commands.execute(new CreateSessionCommand(user.userId, body.title, body.description ?? null));
  }

  @Get()
  list(@CurrentUser() user: AuthUser): Promise<SessionResponse[]> {
    return this.queries.execute(new ListSessionsQuery(user.userId));
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() params: IdParams): Promise<SessionResponse> {
    return this.queries.execute(new GetSessionQuery(user.userId, params.id));
  }

  @Patch(':id')
  rename(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() body: RenameSessionRequest): Promise<SessionResponse> {
    return this.commands.execute(new RenameSessionCommand(user.userId, params.id, body.title));
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() _body: EmptyBody): Promise<SessionResponse> {
    return this.commands.execute(new ArchiveSessionCommand(user.userId, params.id));
  }
}
