import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@choice-sherpa/platform';
import { ERRORS } from '../../shared/interface/api-errors';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AuthUser, CurrentUser } from '@choice-sherpa/platform';
import { IdParams } from '../../shared/interface/id-params';
import { CancelMembershipCommand } from '../application/commands/cancel-membership/cancel-membership.command';
import { CreateMembershipCommand } from '../application/commands/create-membership/create-membership.command';
import { UpgradeMembershipCommand } from '../application/commands/upgrade-membership/upgrade-membership.command';
import { GetMyMembershipQuery } from '../application/queries/get-my-membership/get-my-membership.query';
import { CancelMembershipRequest, CreateMembershipRequest, UpgradeMembershipRequest } from './membership.requests';
import { MembershipResponse, MyMembership, toMembershipResponse, toMyMembership } from './membership.response';

@Controller('api/memberships')
@ApiTags('memberships')
export class MembershipsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: MembershipResponse })
  @ApiErrors(ERRORS.membershipExists)
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateMembershipRequest): Promise<MembershipResponse> {
    return toMembershipResponse(await this.commands.execute(new CreateMembershipCommand(user.userId, user.email, body.tier)));
  }

  @Get('me')
  @ApiOkResponse({ type: MyMembership })
  async me(@CurrentUser() user: AuthUser): Promise<MyMembership> {
    return toMyMembership(await this.queries.execute(new GetMyMembershipQuery(user.userId)));
  }

  @Post(':id/upgrade')
  @HttpCode(200)
  @ApiOkResponse({ type: MembershipResponse })
  @ApiErrors(ERRORS.membershipNotFound, ERRORS.downgrade, ERRORS.membershipNotActive, ERRORS.concurrent)
  async upgrade(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() body: UpgradeMembershipRequest): Promise<MembershipResponse> {
    return toMembershipResponse(await this.commands.execute(new UpgradeMembershipCommand(user.userId, params.id, body.tier)));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: MembershipResponse })
  @ApiErrors(ERRORS.reasonInvalid, ERRORS.membershipNotFound, ERRORS.membershipTransition, ERRORS.concurrent)
  async cancel(@CurrentUser() user: AuthUser, @Param() params: IdParams, @Body() body: CancelMembershipRequest): Promise<MembershipResponse> {
    return toMembershipResponse(await this.commands.execute(new CancelMembershipCommand(user.userId, params.id, body.reason ?? null)));
  }
}
