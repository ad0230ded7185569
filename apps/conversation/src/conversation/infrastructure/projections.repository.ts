import { Injectable } from '@nestjs/common';
import { MEMBERSHIP_TIERS, type ComponentType, type MembershipTier } from '@choice-sherpa/events/outputs';
import { TransactionScope } from '@choice-sherpa/events';
import { EMPTY_CYCLE_CONTEXT, type CycleContext } from '../application/cycle-context';
import { ProjectionsRepository } from '../application/projections-repository.port';

/** What the service learns from other services' events: session owners, membership tiers, cycle outputs. */
@Injectable()
export class PgProjectionsRepository implements ProjectionsRepository {
  constructor(private readonly scope: TransactionScope) {}

  async recordSessionOwner(sessionId: string, userId: string): Promise<void> {
    await this.scope.manager().query('INSERT INTO session_owners (session_id, user_id) VALUES ($1, $2) ON CONFLICT (session_id) DO NOTHING', [sessionId, userId]);
  }

  async recordMembership(membershipId: string, userId: string, tier: MembershipTier): Promise<void> {
    await this.scope.manager().query(
      `INSERT INTO membership_tiers (membership_id, user_id, tier) VALUES ($1, $2, $3)
       ON CONFLICT (membership_id) DO UPDATE SET tier = excluded.tier`,
      [membershipId, userId, tier],
    );
  }

  async recordCancellation(membershipId: string, userId: string): Promise<void> {
    await this.scope.manager().query(
      `INSERT INTO membership_tiers (membership_id, user_id, tier, cancelled) VALUES ($1, $2, 'free', true)
       ON CONFLICT (membership_id) DO UPDATE SET cancelled = true`,
      [membershipId, userId],
    );
  }

  /** The highest tier among the user's memberships in force; free without one (events of several memberships may arrive in any order). */
  async tierOf(userId: string): Promise<MembershipTier> {
    const rows: Array<{ tier: MembershipTier }> = await this.scope.manager().query('SELECT tier FROM membership_tiers WHERE user_id = $1 AND NOT cancelled', [userId]);
    return rows.reduce<MembershipTier>((best, row) => (MEMBERSHIP_TIERS.indexOf(row.tier) > MEMBERSHIP_TIERS.indexOf(best) ? row.tier : best), 'free');
  }

  async recordCycleOutput(cycleId: string, componentType: ComponentType, output: Record<string, unknown>): Promise<void> {
    await this.scope.manager().query(
      `INSERT INTO cycle_outputs (cycle_id, component_type, output) VALUES ($1, $2, $3)
       ON CONFLICT (cycle_id, component_type) DO UPDATE SET output = excluded.output`,
      [cycleId, componentType, JSON.stringify(output)],
    );
  }

  /** A branch starts with its parent's outputs of the copied components. */
  async copyCycleOutputs(fromCycleId: string, toCycleId: string, componentTypes: ComponentType[]): Promise<void> {
    await this.scope.manager().query(
      `INSERT INTO cycle_outputs (cycle_id, component_type, output)
       SELECT $2, component_type, output FROM cycle_outputs WHERE cycle_id = $1 AND component_type = ANY($3)
       ON CONFLICT (cycle_id, component_type) DO NOTHING`,
      [fromCycleId, toCycleId, componentTypes],
    );
  }

  async cycleContext(cycleId: string): Promise<CycleContext> {
    const rows: Array<{ component_type: string; output: any }> = await this.scope.manager().query(
      `SELECT component_type, output FROM cycle_outputs WHERE cycle_id = $1 AND component_type IN ('alternatives', 'objectives')`,
      [cycleId],
    );
    const context: CycleContext = { ...EMPTY_CYCLE_CONTEXT, alternatives: [], objectives: [] };
    for (const { component_type, output } of rows) {
      if (component_type === 'alternatives') {
        context.alternatives = (output.alternatives ?? []).map((a: { id: string; name: string }) => ({ id: a.id, name: a.name }));
        context.statusQuoId = output.status_quo_id ?? null;
      } else {
        context.objectives = (output.fundamental_objectives ?? []).map((o: { id: string; description: string }) => ({ id: o.id, description: o.description }));
      }
    }
    return context;
  }
}
