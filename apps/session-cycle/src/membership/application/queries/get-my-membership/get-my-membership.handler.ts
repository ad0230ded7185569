import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Membership } from '../../../domain/membership.aggregate';
import { MembershipRepository } from '../../membership-repository.port';
import { GetMyMembershipQuery, MyMembershipView } from './get-my-membership.query';

@QueryHandler(GetMyMembershipQuery)
export class GetMyMembershipHandler implements IQueryHandler<GetMyMembershipQuery> {
  constructor(private readonly memberships: MembershipRepository) {}

  async execute({ userId }: GetMyMembershipQuery): Promise<MyMembershipView> {
    const membership = (await this.memberships.findLive(userId)) ?? null;
    return { membership, limits: Membership.limitsFor(membership) };
  }
}
