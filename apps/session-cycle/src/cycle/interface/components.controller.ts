import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@choice-sherpa/platform';
import { ERRORS } from '../../shared/interface/api-errors';
import { CommandBus } from '@nestjs/cqrs';
import { AuthUser, CurrentUser } from '@choice-sherpa/platform';
import { EmptyBody } from '../../shared/interface/empty-body';
import { ComponentParams } from '../../shared/interface/id-params';
import { CompleteComponentCommand } from '../application/commands/complete-component/complete-component.command';
import { ReviseComponentCommand } from '../application/commands/revise-component/revise-component.command';
import { StartComponentCommand } from '../application/commands/start-component/start-component.command';
import { UpdateComponentOutputCommand } from '../application/commands/update-component-output/update-component-output.command';
import { ReviseComponentRequest, UpdateOutputRequest } from './cycle.requests';
import { CycleResponse, toCycleResponse } from './cycle.response';

@Controller('api/cycles/:id/components/:type')
@ApiTags('cycles')
export class ComponentsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('start')
  @HttpCode(200)
  @ApiOkResponse({ type: CycleResponse, description: 'The cycle with its components' })
  @ApiErrors(ERRORS.cycleNotFound, ERRORS.dqLimit, ERRORS.prerequisite, ERRORS.componentTransition, ERRORS.cycleNotActive, ERRORS.concurrent)
  async start(@CurrentUser() user: AuthUser, @Param() params: ComponentParams, @Body() _body: EmptyBody): Promise<CycleResponse> {
    return toCycleResponse(await this.commands.execute(new StartComponentCommand(user.userId, params.id, params.type)));
  }

  @Put('output')
  @ApiOkResponse({ type: CycleResponse, description: 'The cycle with its components' })
  @ApiErrors(ERRORS.invalidOutput, ERRORS.cycleNotFound, ERRORS.notStarted, ERRORS.outputLocked, ERRORS.cycleNotActive, ERRORS.concurrent)
  async updateOutput(@CurrentUser() user: AuthUser, @Param() params: ComponentParams, @Body() body: UpdateOutputRequest): Promise<CycleResponse> {
    return toCycleResponse(await this.commands.execute(new UpdateComponentOutputCommand(user.userId, params.id, params.type, body.output)));
  }

  @Post('complete')
  @HttpCode(200)
  @ApiOkResponse({ type: CycleResponse, description: 'The cycle with its components' })
  @ApiErrors(ERRORS.cycleNotFound, ERRORS.completionRule, ERRORS.notStarted, ERRORS.componentTransition, ERRORS.cycleNotActive, ERRORS.concurrent)
  async complete(@CurrentUser() user: AuthUser, @Param() params: ComponentParams, @Body() _body: EmptyBody): Promise<CycleResponse> {
    return toCycleResponse(await this.commands.execute(new CompleteComponentCommand(user.userId, params.id, params.type)));
  }

  @Post('revise')
  @HttpCode(200)
  @ApiOkResponse({ type: CycleResponse, description: 'The cycle with its components' })
  @ApiErrors(ERRORS.reasonInvalid, ERRORS.cycleNotFound, ERRORS.notStarted, ERRORS.componentTransition, ERRORS.cycleNotActive, ERRORS.concurrent)
  async revise(@CurrentUser() user: AuthUser, @Param() params: ComponentParams, @Body() body: ReviseComponentRequest): Promise<CycleResponse> {
    return toCycleResponse(await this.commands.execute(new ReviseComponentCommand(user.userId, params.id, params.type, body.reason)));
  }
}
