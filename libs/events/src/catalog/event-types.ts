/** Canonical event type names (EVENTS.md), `{module}.{action}`. */
export const EventTypes = {
  SessionCreated: 'session.created',
  SessionArchived: 'session.archived',
  SessionRenamed: 'session.renamed',
  CycleCreated: 'cycle.created',
  CycleBranched: 'cycle.branched',
  CycleArchived: 'cycle.archived',
  CycleCompleted: 'cycle.completed',
  ComponentStarted: 'component.started',
  ComponentCompleted: 'component.completed',
  ComponentMarkedForRevision: 'component.marked_for_revision',
  ComponentOutputUpdated: 'component.output_updated',
  ConversationStarted: 'conversation.started',
  ConversationMessageSent: 'conversation.message_sent',
  ConversationDataExtracted: 'conversation.data_extracted',
  MembershipCreated: 'membership.created',
  MembershipUpgraded: 'membership.upgraded',
  MembershipCancelled: 'membership.cancelled',
  AnalysisPughComputed: 'analysis.pugh_computed',
  AnalysisDqComputed: 'analysis.dq_computed',
} as const;

export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

export const AggregateTypes = {
  Session: 'session',
  Cycle: 'cycle',
  Conversation: 'conversation',
  Membership: 'membership',
} as const;

export type AggregateType = (typeof AggregateTypes)[keyof typeof AggregateTypes];
