import { Injectable } from '@nestjs/common';
import { notFound } from '@choice-sherpa/platform';
import { ComponentDetail, componentDetail } from '../domain/component-detail';
import type { ComponentType } from '../domain/component-types';
import { compareCycles, CycleComparison } from '../domain/cycle-comparison';
import { overview, Overview } from '../domain/overview';
import { SessionSnapshot } from '../domain/session-records';
import { SessionView, sessionView } from '../domain/session-view';
import { ReadModelQueries } from './read-model-queries.port';

/**
 * The dashboard's queries. Ownership first: a session (or cycle) that is someone else's is answered exactly like
 * one that does not exist (404), so an id never reveals whether it exists.
 */
@Injectable()
export class DashboardReader {
  constructor(private readonly queries: ReadModelQueries) {}

  async overview(userId: string): Promise<Overview> {
    const records = await this.queries.sessionRecords(await this.queries.sessionIdsOwnedBy(userId));
    return overview(records.filter((r) => r.session.user_id === userId).map((r) => new SessionSnapshot(r)));
  }

  async session(userId: string, sessionId: string): Promise<SessionView> {
    return sessionView(await this.ownedSession(userId, sessionId, 'session'));
  }

  async component(userId: string, cycleId: string, type: ComponentType): Promise<ComponentDetail> {
    const sessionId = await this.queries.sessionIdOfCycle(cycleId);
    if (!sessionId) throw notFound('cycle');
    const snapshot = await this.ownedSession(userId, sessionId, 'cycle');
    if (!snapshot.cycle(cycleId)) throw notFound('cycle');
    return componentDetail(snapshot, cycleId, type);
  }

  async compare(userId: string, cycleIds: string[], components?: ComponentType[]): Promise<CycleComparison> {
    const sessionOf = await this.queries.sessionIdsOfCycles(cycleIds);
    const sessionIds = [...new Set(sessionOf.values())];
    const snapshots = new Map(
      (await this.queries.sessionRecords(sessionIds)).filter((r) => r.session.user_id === userId).map((r) => [r.session.session_id, new SessionSnapshot(r)]),
    );
    const cycles = cycleIds.map((cycleId) => {
      const snapshot = snapshots.get(sessionOf.get(cycleId) ?? '');
      if (!snapshot?.cycle(cycleId)) throw notFound('cycle');
      return { snapshot, cycleId };
    });
    return compareCycles(cycles, components);
  }

  private async ownedSession(userId: string, sessionId: string, what: string): Promise<SessionSnapshot> {
    const [records] = await this.queries.sessionRecords([sessionId]);
    if (!records || records.session.user_id !== userId) throw notFound(what);
    return new SessionSnapshot(records);
  }
}
