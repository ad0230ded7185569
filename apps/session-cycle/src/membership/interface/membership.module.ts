import { Module } from '@nestjs/common';
import { CancelMembershipHandler } from '../application/commands/cancel-membership/cancel-membership.handler';
import { CreateMembershipHandler } from '../application/commands/create-membership/create-membership.handler';
import { UpgradeMembershipHandler } from '../application/commands/upgrade-membership/upgrade-membership.handler';
import { GetMyMembershipHandler } from '../application/queries/get-my-membership/get-my-membership.handler';
import { MembershipRepository } from '../application/membership-repository.port';
import { TierLimitsReader } from '../application/tier-limits.reader';
import { PgMembershipRepository } from '../infrastructure/pg-membership.repository';
import { MembershipsController } from './memberships.controller';

const commandHandlers = [CreateMembershipHandler, UpgradeMembershipHandler, CancelMembershipHandler];
const queryHandlers = [GetMyMembershipHandler];
const repositories = [{ provide: MembershipRepository, useClass: PgMembershipRepository }, TierLimitsReader];

@Module({
  controllers: [MembershipsController],
  providers: [...commandHandlers, ...queryHandlers, ...repositories],
  exports: [TierLimitsReader],
})
export class MembershipModule {}
