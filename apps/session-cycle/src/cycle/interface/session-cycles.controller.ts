import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@choice-sherpa/platform';
import { ERRORS } from '../../shared/interface/api-errors';
import { CommandBus } from '@nestjs/cqrs';
import { AuthUser, CurrentUser } from '@choice-sherpa/platform';
import { EmptyBody } from '../../shared/interface/empty-body';
import { IdParams } from '../../shared/interface/id-params';
import { CreateCycleCommand } from '../application/commands/create-cycle/create-cycle.command';
import { CycleResponse, toCycleResponse } from './cycle.response';

/** POST /api/sessions/:id/cycles: a cycle is created under its session. */
@Controller('api/sessions')
@ApiTags('cycles')
export class SessionCyclesController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/cycles')
  @ApiCreatedResponse({ type: CycleResponse })
  @ApiErrors(ERRORS.sessionNotFound, ERRORS.cycleLimit, ERRORS.sessionArchived, ERRORS.concurrent)
  async create(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() _body: EmptyBody): Promise<CycleResponse> {
    return toCycleResponse(await this.commands.execute(new CreateCycleCommand(user.userId, params.id)));
  }
}
