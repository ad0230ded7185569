import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import type { Membership } from '../domain/membership.aggregate';

/** Memberships, saved inside the caller's unit of work; implemented in infrastructure. */
export abstract class MembershipRepository {
  /** The membership, row-locked, if it belongs to `userId`; undefined otherwise (answered as 404). */
  abstract findOwnedForUpdate(membershipId: string, userId: string): Promise<Membership | undefined>;

  /** The user's membership that is not cancelled or expired (at most one, by a unique index). */
  abstract findLive(userId: string): Promise<Membership | undefined>;

  /** Serialises membership creation per user until the transaction ends. */
  abstract lockUserMemberships(userId: string): Promise<void>;

  /** Saves the membership (optimistic concurrency) and queues the events it recorded. */
  abstract save(tx: UnitOfWorkTransaction, membership: Membership, metadata: EventMetadataInput): Promise<void>;
}
