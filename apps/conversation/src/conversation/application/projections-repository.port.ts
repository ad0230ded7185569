import type { ComponentType, MembershipTier } from '@choice-sherpa/events/outputs';
import type { CycleContext } from './cycle-context';

/** What the service learns from other services' events: session owners, membership tiers, cycle outputs; implemented in infrastructure. */
export abstract class ProjectionsRepository {
  /** The first owner recorded stays (a redelivery changes nothing). */
  abstract recordSessionOwner(sessionId: string, userId: string): Promise<void>;
  abstract recordMembership(membershipId: string, userId: string, tier: MembershipTier): Promise<void>;
  abstract recordCancellation(membershipId: string, userId: string): Promise<void>;
  /** The highest tier among the user's memberships in force; free without one (events of several memberships may arrive in any order). */
  abstract tierOf(userId: string): Promise<MembershipTier>;
  abstract recordCycleOutput(cycleId: string, componentType: ComponentType, output: Record<string, unknown>): Promise<void>;
  /** A branch starts with its parent's outputs of the copied components. */
  abstract copyCycleOutputs(fromCycleId: string, toCycleId: string, componentTypes: ComponentType[]): Promise<void>;
  /** The alternatives and objectives recorded for the cycle. */
  abstract cycleContext(cycleId: string): Promise<CycleContext>;
}
