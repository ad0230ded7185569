import type { LiveEvent } from '../events/live-event';
import type { ComponentDetail } from '../http/api-types';

/** Applies one live event to a component's detail (the projector's component and conversation rules). */
export function reduceComponentDetail(detail: ComponentDetail, event: LiveEvent): ComponentDetail {
  const at = { updated_at: event.occurred_at };
  switch (event.event_type) {
    case 'component.started':
    case 'component.completed':
    case 'component.marked_for_revision':
    case 'component.output_updated': {
      if (event.data.cycle_id !== detail.cycle_id || event.data.component_type !== detail.component_type) return detail;
      const own = { ...detail, ...at, component_id: event.data.component_id, inherited_from: null };
      const next = withCapabilities(
        event.event_type === 'component.started'
          ? { ...own, status: 'in_progress', started_at: event.data.started_at, revision_reason: null }
          : event.event_type === 'component.completed'
            ? { ...own, status: 'complete', output: event.data.output as unknown as ComponentDetail['output'], completed_at: event.data.completed_at, revision_reason: null }
            : event.event_type === 'component.marked_for_revision'
              ? { ...own, status: 'needs_revision', revision_reason: event.data.reason }
              : {
                  ...own,
                  status: own.status === 'not_started' ? 'in_progress' : own.status,
                  output: event.data.output as unknown as ComponentDetail['output'],
                  output_summary: event.data.output_summary,
                },
      );
      return next;
    }
    case 'cycle.completed':
    case 'cycle.archived':
      if (event.data.cycle_id !== detail.cycle_id) return detail;
      return withCapabilities({ ...detail, cycle_status: event.event_type === 'cycle.completed' ? 'completed' : 'archived' });
    case 'conversation.started':
      if (event.data.cycle_id !== detail.cycle_id || event.data.component_type !== detail.component_type) return detail;
      return {
        ...detail,
        conversation: detail.conversation ?? { conversation_id: event.data.conversation_id, message_count: 0, last_message_at: null, extraction_summary: null, extracted_at: null },
      };
    case 'conversation.message_sent': {
      const conversation = detail.conversation;
      if (!conversation || conversation.conversation_id !== event.data.conversation_id) return detail;
      const last_message_at = event.data.sent_at;
      return { ...detail, message_count: detail.message_count + 1, last_message_at, conversation: { ...conversation, message_count: conversation.message_count + 1, last_message_at } };
    }
    case 'conversation.data_extracted': {
      const conversation = detail.conversation;
      if (!conversation || conversation.conversation_id !== event.data.conversation_id) return detail;
      return { ...detail, conversation: { ...conversation, extraction_summary: event.data.extraction_summary, extracted_at: event.data.extracted_at } };
    }
    default:
      return detail;
  }
}

/** component-detail.ts: branch from a started component of an active cycle; revise an in_progress or complete one. */
function withCapabilities(detail: ComponentDetail): ComponentDetail {
  const active = detail.cycle_status === 'active';
  return {
    ...detail,
    can_branch: active && detail.status !== 'not_started',
    can_revise: active && (detail.status === 'in_progress' || detail.status === 'complete'),
  };
}
