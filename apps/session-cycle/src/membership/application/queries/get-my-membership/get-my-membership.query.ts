import { Query } from '@nestjs/cqrs';
import type { Membership } from '../../../domain/membership.aggregate';
import type { TierLimits } from '../../../domain/tier-limits';

/** The caller's membership (null without one) and the limits of the tier that applies now. */
export interface MyMembershipView {
  membership: Membership | null;
  limits: TierLimits;
}

export class GetMyMembershipQuery extends Query<MyMembershipView> {
  constructor(readonly userId: string) {
    super();
  }
}
