import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Membership } from '../../../domain/membership.aggregate';
import { findLiveMembership } from '../../../infrastructure/live-membership.finder';
import { MembershipMapper } from '../../../infrastructure/membership.mapper';
import { toMembershipResponse } from '../../../interface/membership.response';
import { GetMyMembershipQuery, MyMembershipResponse } from './get-my-membership.query';

@QueryHandler(GetMyMembershipQuery)
export class GetMyMembershipHandler implements IQueryHandler<GetMyMembershipQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ userId }: GetMyMembershipQuery): Promise<MyMembershipResponse> {
    const row = await findLiveMembership(this.dataSource.manager, userId);
    const limits = Membership.limitsFor(row ? MembershipMapper.toDomain(row) : null);
    return {
      membership: row ? toMembershipResponse(row) : null,
      effective_tier: limits.tier,
      limits: {
        active_sessions: limits.maxActiveSessions,
        cycles_per_session: limits.maxCyclesPerSession,
        ai_messages_per_day: limits.maxAiMessagesPerDay,
        decision_quality: limits.includesDecisionQuality,
      },
    };
  }
}
