import { Query } from '@nestjs/cqrs';
import type { MembershipResponse } from '../../../interface/membership.response';

export interface TierLimitsResponse {
  active_sessions: number | null;
  cycles_per_session: number | null;
  ai_messages_per_day: number | null;
  decision_quality: boolean;
}

/** The caller's membership (null without one) and the tier whose limits apply now (null = unlimited). */
export interface MyMembershipResponse {
  membership: MembershipResponse | null;
  effective_tier: string;
  limits: TierLimitsResponse;
}

export class GetMyMembershipQuery extends Query<MyMembershipResponse> {
  constructor(readonly userId: string) {
    super();
  }
}
