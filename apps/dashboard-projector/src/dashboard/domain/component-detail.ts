import { ComponentType, CycleStatus, nextComponent, previousComponent } from './component-types';
import type { ResolvedComponent } from './component-resolution';
import type { ConversationSummary } from './message-stats';
import type { SequencePosition } from './sequence-position';
import type { SessionSnapshot } from './session-records';

/** A component's resolved state (its own or inherited at a branch) with its cycle, conversation and neighbours. */
export interface ComponentDetail extends ResolvedComponent {
  cycle_id: string;
  session_id: string;
  cycle_status: CycleStatus;
  message_count: number;
  last_message_at: string | null;
  conversation: ConversationSummary | null;
  /** a branch may start at a started component of an active cycle (DOMAIN.md "Cycles") */
  can_branch: boolean;
  /** in_progress or complete may go to needs_revision, only in an active cycle */
  can_revise: boolean;
  previous: ComponentType | null;
  next: ComponentType | null;
  /** the session's positions (SessionView.positions), read with this detail */
  positions: SequencePosition[];
}

export function componentDetail(snapshot: SessionSnapshot, cycleId: string, type: ComponentType): ComponentDetail {
  const cycle = snapshot.cycle(cycleId);
  if (!cycle) throw new Error(`cycle ${cycleId} is not part of the snapshot`);
  const component = snapshot.resolver.component(cycleId, type);
  const conversation = snapshot.messages.of(cycleId, type);
  const active = cycle.status === 'active';
  return {
    cycle_id: cycleId,
    session_id: cycle.session_id,
    cycle_status: cycle.status,
    ...component,
    message_count: conversation?.message_count ?? 0,
    last_message_at: conversation?.last_message_at ?? null,
    conversation,
    can_branch: active && component.status !== 'not_started',
    can_revise: active && (component.status === 'in_progress' || component.status === 'complete'),
    previous: previousComponent(type),
    next: nextComponent(type),
    positions: snapshot.records.positions,
  };
}
