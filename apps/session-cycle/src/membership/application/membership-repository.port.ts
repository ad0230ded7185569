import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';
import type { Membership } from '../domain/membership.aggregate';

/** Memberships, saved inside the caller's unit of work; implemented in infrastructure. */
export abstract class MembershipRepository {
  /** The membership, row-locked, if it belongs to `userId`; undefined otherwise (answered as 404). */
  abstract findOwnedForUpdate(manager: EntityManager, membershipId: string, userId: string): Promise<Membership | undefined>;

  /** The user's membership that is not cancelled or expired (at most one, by a unique index). */
  abstract findLive(manager: EntityManager, userId: string): Promise<Membership | undefined>;

  /** Serialises membership creation per user until the transaction ends. */
  abstract lockUserMemberships(manager: EntityManager, userId: string): Promise<void>;

  /** Saves the membership (optimistic concurrency) and queues the events it recorded. */
  abstract save(tx: UnitOfWorkTransaction, membership: Membership, metadata: EventMetadataInput): Promise<void>;
}
