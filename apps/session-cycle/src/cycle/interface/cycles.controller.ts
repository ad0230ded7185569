import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@choice-sherpa/platform';
import { ERRORS } from '../../shared/interface/api-errors';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AuthUser, CurrentUser } from '@choice-sherpa/platform';
import { EmptyBody } from '../../shared/interface/empty-body';
import { IdParams } from '../../shared/interface/id-params';
import { ArchiveCycleCommand } from '../application/commands/archive-cycle/archive-cycle.command';
import { BranchCycleCommand } from '../application/commands/branch-cycle/branch-cycle.command';
import { CompleteCycleCommand } from '../application/commands/complete-cycle/complete-cycle.command';
import { GetCycleQuery } from '../application/queries/get-cycle/get-cycle.query';
import { BranchCycleRequest } from './cycle.requests';
import { CycleResponse, toCycleResponse } from './cycle.response';

@Controller('api/cycles')
@ApiTags('cycles')
export class CyclesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get(':id')
  @ApiOkResponse({ type: CycleResponse })
  @ApiErrors(ERRORS.cycleNotFound)
  async get(@CurrentUser() user: AuthUser, @Param() params: IdParams): Promise<CycleResponse> {
    return toCycleResponse(await this.queries.execute(new GetCycleQuery(user.userId, params.id)));
  }

  @Post(':id/branch')
  @ApiCreatedResponse({ type: CycleResponse, description: 'The new cycle' })
  @ApiErrors(ERRORS.cycleNotFound, ERRORS.cycleLimit, ERRORS.notStarted, ERRORS.sessionArchived, ERRORS.concurrent)
  async branch(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() body: BranchCycleRequest): Promise<CycleResponse> {
    return toCycleResponse(await this.commands.execute(new BranchCycleCommand(user.userId, params.id, body.branch_point)));
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: CycleResponse })
  @ApiErrors(ERRORS.cycleNotFound, ERRORS.cycleTransition, ERRORS.concurrent)
  async archive(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() _body: EmptyBody): Promise<CycleResponse> {
    return toCycleResponse(await this.commands.execute(new ArchiveCycleCommand(user.userId, params.id)));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: CycleResponse })
  @ApiErrors(ERRORS.cycleNotFound, ERRORS.dqLimit, ERRORS.cycleIncomplete, ERRORS.cycleNotActive, ERRORS.concurrent)
  async complete(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() _body: EmptyBody): Promise<CycleResponse> {
    return toCycleResponse(await this.commands.execute(new CompleteCycleCommand(user.userId, params.id)));
  }
}
