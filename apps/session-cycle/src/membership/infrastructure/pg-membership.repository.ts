import { Injectable } from '@nestjs/common';
import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import { AmbientRepository } from '../../shared/infrastructure/ambient-repository';
import { saveWithEvents } from '../../shared/infrastructure/aggregate-writer';
import type { MembershipRepository } from '../application/membership-repository.port';
import type { Membership } from '../domain/membership.aggregate';
import { findLiveMembership } from './live-membership.finder';
import { MembershipEntity } from './membership.entity';
import { MembershipMapper } from './membership.mapper';

/** Memberships in PostgreSQL (the `memberships` table). */
@Injectable()
export class PgMembershipRepository extends AmbientRepository implements MembershipRepository {
  async findOwnedForUpdate(membershipId: string, userId: string): Promise<Membership | undefined> {
    const row = await this.inTransaction().findOne(MembershipEntity, { where: { id: membershipId, user_id: userId }, lock: { mode: 'pessimistic_write' } });
    return row ? MembershipMapper.toDomain(row) : undefined;
  }

  async findLive(userId: string): Promise<Membership | undefined> {
    const row = await findLiveMembership(this.reader(), userId);
    return row ? MembershipMapper.toDomain(row) : undefined;
  }

  async lockUserMemberships(userId: string): Promise<void> {
    await this.inTransaction().query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`memberships:${userId}`]);
  }

  async save(tx: UnitOfWorkTransaction, membership: Membership, metadata: EventMetadataInput): Promise<void> {
    await saveWithEvents(tx, MembershipEntity, membership, MembershipMapper.toPersistence(membership), metadata);
  }
}
