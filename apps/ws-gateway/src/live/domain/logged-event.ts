/** One session-scoped event as the gateway's log keeps it: `position` orders it within its session, gap-free. */
export interface LoggedEvent {
  position: number;
  event_id: string;
  event_type: string;
  session_id: string;
  aggregate_id: string;
  occurred_at: string;
  sequence: number;
  /** From the envelope's metadata: a client recognises the events of its own commands by them. */
  correlation_id: string | null;
  causation_id: string | null;
  data: Record<string, unknown>;
}

/** What a client receives as `event` (API.md): the log position stays internal. */
export interface ClientEvent {
  event_id: string;
  event_type: string;
  session_id: string;
  occurred_at: string;
  sequence: number;
  correlation_id: string | null;
  causation_id: string | null;
  data: Record<string, unknown>;
}

export function toClientEvent(event: LoggedEvent): ClientEvent {
  return {
    event_id: event.event_id,
    event_type: event.event_type,
    session_id: event.session_id,
    occurred_at: event.occurred_at,
    sequence: event.sequence,
    correlation_id: event.correlation_id,
    causation_id: event.causation_id,
    data: event.data,
  };
}

export function roomOf(sessionId: string): string {
  return `session:${sessionId}`;
}
