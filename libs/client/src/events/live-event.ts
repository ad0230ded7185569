import { EVENT_SPECS, EventPayloads, EventSpec, EventType } from './event-payloads';

/** One event as the gateway sends it (API.md "Socket.IO"): a discriminated union on `event_type`. */
export type LiveEventOf<T extends EventType> = {
  event_id: string;
  event_type: T;
  session_id: string;
  occurred_at: string;
  sequence: number;
  correlation_id: string | null;
  causation_id: string | null;
  data: EventPayloads[T];
};

export type LiveEvent = { [K in EventType]: LiveEventOf<K> }[EventType];

/** The members of LiveEvent whose type is one of T. */
export type LiveEventIn<T extends EventType> = Extract<LiveEvent, { event_type: T }>;

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_SPECS, value);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNullableString = (value: unknown) => value === null || value === undefined || typeof value === 'string';

/**
 * Whether `value` is a well-formed live event of a known type: the envelope fields, and every field its payload
 * declares present. Unknown types are refused, so a client never applies what it does not understand.
 */
export function isLiveEvent(value: unknown): value is LiveEvent {
  if (!isObject(value) || !isEventType(value.event_type)) return false;
  const { event_id, session_id, occurred_at, sequence, data } = value;
  if (typeof event_id !== 'string' || typeof session_id !== 'string' || typeof occurred_at !== 'string') return false;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 1) return false;
  if (!isNullableString(value.correlation_id) || !isNullableString(value.causation_id) || !isObject(data)) return false;
  return EVENT_SPECS[value.event_type].fields.every((field) => field in data);
}

/** Narrows an event to one type (or several): `if (isEventOf(e, 'session.renamed')) e.data.new_title`. */
export function isEventOf<T extends EventType>(event: LiveEvent, ...types: T[]): event is LiveEventIn<T> {
  return (types as string[]).includes(event.event_type);
}

export function specOf(event: Pick<LiveEvent, 'event_type'>): EventSpec {
  return EVENT_SPECS[event.event_type];
}

/** The id of the aggregate that numbered this event (the cycle for component.* and analysis.*). */
export function aggregateIdOf(event: LiveEvent): string {
  return String((event.data as Record<string, unknown>)[specOf(event).aggregate_field]);
}

/** The key positions are kept under: `${source}/${aggregate_type}:${aggregate_id}` (the projector's position key). */
export function positionKeyOf(event: LiveEvent): string {
  const spec = specOf(event);
  return positionKey(spec.source, `${spec.aggregate_type}:${aggregateIdOf(event)}`);
}

export function positionKey(source: string, aggregateKey: string): string {
  return `${source}/${aggregateKey}`;
}
