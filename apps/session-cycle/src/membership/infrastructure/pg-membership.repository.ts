import { Injectable } from '@nestjs/common';
import type { EventMetadataInput, UnitOfWorkTransaction } from '@choice-sherpa/events';
import type { EntityManager } from 'typeorm';
import { saveWithEvents } from '../../shared/infrastructure/aggregate-writer';
import type { MembershipRepository } from '../application/membership-repository.port';
import type { Membership } from '../domain/membership.aggregate';
import { findLiveMembership } from './live-membership.finder';
import { MembershipEntity } from './membership.entity';
import { MembershipMapper } from './membership.mapper';

/** Memberships in PostgreSQL (the `memberships` table). */
@Injectable()
export class PgMembershipRepository implements MembershipRepository {
  async findOwnedForUpdate(manager: EntityManager, membershipId: string, userId: string): Promise<Membership | undefined> {
    const row = await manager.findOne(MembershipEntity, { where: { id: membershipId, user_id: userId }, lock: { mode: 'pessimistic_write' } });
    return row ? MembershipMapper.toDomain(row) : undefined;
  }

  async findLive(manager: EntityManager, userId: string): Promise<Membership | undefined> {
    const row = await findLiveMembership(manager, userId);
    return row ? MembershipMapper.toDomain(row) : undefined;
  }

  async lockUserMemberships(manager: EntityManager, userId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`memberships:${userId}`]);
  }

  async save(tx: UnitOfWorkTransaction, membership: Membership, metadata: EventMetadataInput): Promise<void> {
    await saveWithEvents(tx, MembershipEntity, membership, MembershipMapper.toPersistence(membership), metadata);
  }
}
