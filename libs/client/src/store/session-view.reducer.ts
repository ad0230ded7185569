import type { LiveEvent } from '../events/live-event';
import type { ComponentStatusView, CycleView, DqView, PughView, SessionView } from '../http/api-types';
import { COMPONENT_TYPES, ComponentType, isAfter, progressOf } from '../domain/vocabulary';

/** Where message counts go: conversation id -> its component (learnt from conversation.started). */
export type ConversationIndex = ReadonlyMap<string, { cycle_id: string; component_type: ComponentType }>;

/**
 * Applies one live event to a session view, with the projector's record rules (record-reducers.ts) at view level.
 * Returns `needsReload` when the view cannot follow from the event alone (a message of a conversation whose start
 * it never saw).
 */
export function reduceSessionView(view: SessionView, event: LiveEvent, conversations: ConversationIndex): { view: SessionView; needsReload: boolean } {
  const touched = { ...view, last_updated_at: later(view.last_updated_at, event.occurred_at) };
  switch (event.event_type) {
    case 'session.created':
      return done({ ...touched, title: event.data.title, created_at: event.data.created_at });
    case 'session.renamed':
      return done({ ...touched, title: event.data.new_title });
    case 'session.archived':
      return done({ ...touched, status: 'archived', archived_at: event.data.archived_at });
    case 'cycle.created': {
      const { cycle_id, parent_cycle_id, created_at } = event.data;
      if (findCycle(touched.cycles, cycle_id)) return done(mapCycle(touched, cycle_id, (c) => ({ ...c, created_at, parent_cycle_id: parent_cycle_id ?? c.parent_cycle_id })));
      return done(placeCycle(touched, { ...newCycle(cycle_id, created_at), parent_cycle_id }));
    }
    case 'cycle.branched': {
      const { cycle_id, parent_cycle_id, branch_point_component, branched_at, copied_components } = event.data;
      const existing = findCycle(touched.cycles, cycle_id) ?? newCycle(cycle_id, null);
      const parent = findCycle(touched.cycles, parent_cycle_id);
      const branched = { ...existing, parent_cycle_id, branch_point: branch_point_component, branched_at };
      // what session-cycle copied, when the event says so; else inferred from the parent as the projector does
      const copied = copied_components
        ? withComponents(branched, takeCopied(branched.components, copied_components, parent, parent_cycle_id))
        : parent
          ? withComponents(branched, copyFromParent(branched.components, parent, branch_point_component))
          : branched;
      return done(placeCycle(removeCycle(touched, cycle_id), copied));
    }
    case 'cycle.completed': {
      const { cycle_id, completed_at, dq_score } = event.data;
      return done(
        mapCycle(touched, cycle_id, (c) => ({
          ...c,
          status: 'completed',
          completed_at,
          dq: c.dq && c.dq.elements.length > 0 ? c.dq : dq_score === null ? c.dq : { elements: [], overall_score: dq_score, acceptable: null, computed_at: null },
        })),
      );
    }
    case 'cycle.archived':
      return done(mapCycle(touched, event.data.cycle_id, (c) => ({ ...c, status: 'archived', archived_at: event.data.archived_at })));
    case 'component.started':
    case 'component.completed':
    case 'component.marked_for_revision':
    case 'component.output_updated': {
      const { cycle_id, component_type } = event.data;
      return done(
        mapCycle(touched, cycle_id, (c) =>
          withComponents(
            c,
            c.components.map((component) => (component.component_type === component_type ? { ...component, status: statusAfter(component, event), inherited_from: null } : component)),
          ),
        ),
      );
    }
    case 'conversation.message_sent': {
      const target = conversations.get(event.data.conversation_id);
      if (!target) return { view: touched, needsReload: true };
      return done(
        mapCycle(touched, target.cycle_id, (c) => ({
          ...c,
          components: c.components.map((component) =>
            component.component_type === target.component_type
              ? { ...component, message_count: component.message_count + 1, last_message_at: later(component.last_message_at, event.data.sent_at) }
              : component,
          ),
        })),
      );
    }
    case 'analysis.pugh_computed':
      return done(mapCycle(touched, event.data.cycle_id, (c) => ({ ...c, pugh: pughOf(event.data) })));
    case 'analysis.dq_computed': {
      const { element_scores, overall_score, computed_at } = event.data;
      const dq: DqView = { elements: element_scores, overall_score, acceptable: element_scores.length > 0 && element_scores.every((e) => e.score >= 80), computed_at };
      return done(mapCycle(touched, event.data.cycle_id, (c) => ({ ...c, dq })));
    }
    default:
      // conversation.started / data_extracted change nothing the session view shows; membership.* is not session-scoped
      return done(touched);
  }
}

function done(view: SessionView) {
  return { view, needsReload: false };
}

function statusAfter(component: ComponentStatusView, event: LiveEvent): ComponentStatusView['status'] {
  switch (event.event_type) {
    case 'component.started':
      return 'in_progress';
    case 'component.completed':
      return 'complete';
    case 'component.marked_for_revision':
      return 'needs_revision';
    default:
      return component.status === 'not_started' ? 'in_progress' : component.status;
  }
}

/** The Pugh view of a result, as the projector ranks it (analysis-results.ts): ties share a rank, best only when alone on top. */
export function pughOf(result: Omit<PughView, 'scores' | 'best_alternative_id'> & { scores: Record<string, number> }): PughView {
  const entries = Object.entries(result.scores).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const scores = entries.map(([alternative_id, score]) => ({ alternative_id, score, rank: 1 + entries.filter(([, other]) => other > score).length }));
  const top = scores.filter((s) => s.rank === 1);
  return {
    scores,
    best_alternative_id: top.length === 1 ? top[0].alternative_id : null,
    dominated_alternatives: result.dominated_alternatives,
    irrelevant_objectives: result.irrelevant_objectives,
    computed_at: result.computed_at,
  };
}

/** DOMAIN.md "Branch at component X": before X as in the parent, X as needs_revision, after X fresh. */
function copyFromParent(own: ComponentStatusView[], parent: CycleView, at: ComponentType): ComponentStatusView[] {
  return own.map((component) => {
    const type = component.component_type;
    if (component.status !== 'not_started' || isAfter(type, at)) return component;
    const source = parent.components.find((c) => c.component_type === type);
    if (!source || source.status === 'not_started') return component;
    const inherited_from = source.inherited_from ?? parent.cycle_id;
    return { ...component, status: type === at ? 'needs_revision' : source.status, inherited_from };
  });
}

/** `cycle.branched`'s copied_components: each listed component takes its status in the new cycle, inherited. */
function takeCopied(
  own: ComponentStatusView[],
  copied: ReadonlyArray<{ component_type: ComponentType; status: ComponentStatusView['status'] }>,
  parent: CycleView | undefined,
  parentId: string,
): ComponentStatusView[] {
  return own.map((component) => {
    const listed = copied.find((c) => c.component_type === component.component_type);
    if (!listed || component.status !== 'not_started') return component;
    const inherited_from = parent?.components.find((c) => c.component_type === component.component_type)?.inherited_from ?? parentId;
    return { ...component, status: listed.status, inherited_from };
  });
}

function newCycle(cycleId: string, createdAt: string | null): CycleView {
  const components: ComponentStatusView[] = COMPONENT_TYPES.map((component_type) => ({
    component_type,
    status: 'not_started',
    message_count: 0,
    last_message_at: null,
    inherited_from: null,
  }));
  return {
    cycle_id: cycleId,
    parent_cycle_id: null,
    branch_point: null,
    status: 'active',
    created_at: createdAt,
    branched_at: null,
    completed_at: null,
    archived_at: null,
    progress: progressOf(components),
    components,
    pugh: null,
    dq: null,
    branches: [],
  };
}

function withComponents(cycle: CycleView, components: ComponentStatusView[]): CycleView {
  return { ...cycle, components, progress: progressOf(components) };
}

export function flattenCycles(cycles: readonly CycleView[]): CycleView[] {
  return cycles.flatMap((c) => [c, ...flattenCycles(c.branches)]);
}

export function findCycle(cycles: readonly CycleView[], cycleId: string): CycleView | undefined {
  return flattenCycles(cycles).find((c) => c.cycle_id === cycleId);
}

function mapTree(cycles: CycleView[], cycleId: string, change: (cycle: CycleView) => CycleView): CycleView[] {
  return cycles.map((c) => (c.cycle_id === cycleId ? change(c) : { ...c, branches: mapTree(c.branches, cycleId, change) }));
}

function mapCycle(view: SessionView, cycleId: string, change: (cycle: CycleView) => CycleView): SessionView {
  return { ...view, cycles: mapTree(view.cycles, cycleId, change) };
}

function removeCycle(view: SessionView, cycleId: string): SessionView {
  const without = (cycles: CycleView[]): CycleView[] => cycles.filter((c) => c.cycle_id !== cycleId).map((c) => ({ ...c, branches: without(c.branches) }));
  return { ...view, cycles: without(view.cycles), cycle_count: flattenCycles(without(view.cycles)).length };
}

/** Adds a cycle under its parent (or as a root when the parent is unknown), after its siblings: oldest first. */
function placeCycle(view: SessionView, cycle: CycleView): SessionView {
  const parent = cycle.parent_cycle_id ? findCycle(view.cycles, cycle.parent_cycle_id) : undefined;
  const cycles = parent ? mapTree(view.cycles, parent.cycle_id, (p) => ({ ...p, branches: [...p.branches, cycle] })) : [...view.cycles, cycle];
  return { ...view, cycles, cycle_count: flattenCycles(cycles).length };
}

function later(a: string | null, b: string): string {
  return a === null || Date.parse(b) > Date.parse(a) ? b : a;
}
