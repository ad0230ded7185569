import type { ComponentType, MembershipTier } from '@choice-sherpa/events/outputs';
import type { EntityManager } from 'typeorm';
import type { CycleContext } from './cycle-context';

/** What the service learns from other services' events: session owners, membership tiers, cycle outputs; implemented in infrastructure. */
export abstract class ProjectionsRepository {
  /** The first owner recorded stays (a redelivery changes nothing). */
  abstract recordSessionOwner(manager: EntityManager, sessionId: string, userId: string): Promise<void>;
  abstract recordMembership(manager: EntityManager, membershipId: string, userId: string, tier: MembershipTier): Promise<void>;
  abstract recordCancellation(manager: EntityManager, membershipId: string, userId: string): Promise<void>;
  /** The highest tier among the user's memberships in force; free without one (events of several memberships may arrive in any order). */
  abstract tierOf(manager: EntityManager, userId: string): Promise<MembershipTier>;
  abstract recordCycleOutput(manager: EntityManager, cycleId: string, componentType: ComponentType, output: Record<string, unknown>): Promise<void>;
  /** A branch starts with its parent's outputs of the copied components. */
  abstract copyCycleOutputs(manager: EntityManager, fromCycleId: string, toCycleId: string, componentTypes: ComponentType[]): Promise<void>;
  /** The alternatives and objectives recorded for the cycle. */
  abstract cycleContext(manager: EntityManager, cycleId: string): Promise<CycleContext>;
}
