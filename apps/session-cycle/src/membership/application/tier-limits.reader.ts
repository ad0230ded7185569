import { Injectable } from '@nestjs/common';
import { Membership } from '../domain/membership.aggregate';
import type { TierLimits } from '../domain/tier-limits';
import { MembershipRepository } from './membership-repository.port';

/** The limits that apply to a user now: their membership's tier while it is in force, else the free tier. */
@Injectable()
export class TierLimitsReader {
  constructor(private readonly memberships: MembershipRepository) {}

  async limitsFor(userId: string): Promise<TierLimits> {
    return Membership.limitsFor(await this.memberships.findLive(userId));
  }
}
