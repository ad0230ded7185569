import type { EventEnvelope } from '../envelope/event-envelope';
import { AnalysisDqComputedPayload, AnalysisPughComputedPayload } from './analysis.events';
import {
  ComponentCompletedPayload,
  ComponentMarkedForRevisionPayload,
  ComponentOutputUpdatedPayload,
  ComponentStartedPayload,
} from './component.events';
import { ConversationDataExtractedPayload, ConversationMessageSentPayload, ConversationStartedPayload } from './conversation.events';
import { CycleArchivedPayload, CycleBranchedPayload, CycleCompletedPayload, CycleCreatedPayload } from './cycle.events';
import { AggregateType, AggregateTypes as A, EventType, EventTypes as T } from './event-types';
import { MembershipCancelledPayload, MembershipCreatedPayload, MembershipUpgradedPayload } from './membership.events';
import { SessionArchivedPayload, SessionCreatedPayload, SessionRenamedPayload } from './session.events';

export interface EventDefinition<TPayload extends object = object> {
  payloadClass: new () => TPayload;
  aggregateType: AggregateType;
  /** The version producers write today; older versions are upcast on read. */
  schemaVersion: number;
}

function define<P extends object>(payloadClass: new () => P, aggregateType: AggregateType, schemaVersion = 1): EventDefinition<P> {
  return { payloadClass, aggregateType, schemaVersion };
}

/** The explicit name-to-type registry: the only place an event type is bound to its payload class. */
export const EVENT_REGISTRY = {
  [T.SessionCreated]: define(SessionCreatedPayload, A.Session),
  [T.SessionArchived]: define(SessionArchivedPayload, A.Session),
  [T.SessionRenamed]: define(SessionRenamedPayload, A.Session),
  [T.CycleCreated]: define(CycleCreatedPayload, A.Cycle),
  [T.CycleBranched]: define(CycleBranchedPayload, A.Cycle),
  [T.CycleArchived]: define(CycleArchivedPayload, A.Cycle),
  [T.CycleCompleted]: define(CycleCompletedPayload, A.Cycle),
  [T.ComponentStarted]: define(ComponentStartedPayload, A.Cycle),
  [T.ComponentCompleted]: define(ComponentCompletedPayload, A.Cycle),
  [T.ComponentMarkedForRevision]: define(ComponentMarkedForRevisionPayload, A.Cycle),
  [T.ComponentOutputUpdated]: define(ComponentOutputUpdatedPayload, A.Cycle),
  [T.ConversationStarted]: define(ConversationStartedPayload, A.Conversation),
  [T.ConversationMessageSent]: define(ConversationMessageSentPayload, A.Conversation),
  [T.ConversationDataExtracted]: define(ConversationDataExtractedPayload, A.Conversation),
  [T.MembershipCreated]: define(MembershipCreatedPayload, A.Membership),
  [T.MembershipUpgraded]: define(MembershipUpgradedPayload, A.Membership),
  [T.MembershipCancelled]: define(MembershipCancelledPayload, A.Membership),
  [T.AnalysisPughComputed]: define(AnalysisPughComputedPayload, A.Cycle),
  [T.AnalysisDqComputed]: define(AnalysisDqComputedPayload, A.Cycle),
} as const satisfies Record<EventType, EventDefinition>;

export const EVENT_TYPES = Object.keys(EVENT_REGISTRY) as EventType[];

export type EventPayloadMap = {
  [K in EventType]: (typeof EVENT_REGISTRY)[K] extends EventDefinition<infer P> ? P : never;
};

export type TypedEvent<T extends EventType> = EventEnvelope<T, EventPayloadMap[T]>;

/** Discriminated union over `event_type`: narrowing on it types the payload. */
export type AnyEvent = { [K in EventType]: TypedEvent<K> }[EventType];

/** The members of AnyEvent whose type is in T (distributes, unlike TypedEvent<A | B>). */
export type EventOf<T extends EventType> = Extract<AnyEvent, { event_type: T }>;

export function isKnownEventType(type: unknown): type is EventType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(EVENT_REGISTRY, type);
}

export function eventDefinition<T extends EventType>(type: T): (typeof EVENT_REGISTRY)[T] {
  return EVENT_REGISTRY[type];
}

export function isEventOfType<T extends EventType>(event: Pick<EventEnvelope, 'event_type'>, type: T): event is EventOf<T> {
  return event.event_type === type;
}

export function isEventOfTypes<T extends EventType>(
  event: Pick<EventEnvelope, 'event_type'>,
  types: readonly T[],
): event is EventOf<T> {
  return (types as readonly string[]).includes(event.event_type);
}
