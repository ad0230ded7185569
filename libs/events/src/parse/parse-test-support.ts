import type { EventEnvelope } from '../envelope/event-envelope';

/** The stream entry fields the transport would carry for `envelope`, with the envelope JSON after `mutate`. */
export function entryOf(envelope: EventEnvelope, mutate: (json: Record<string, any>) => void = () => {}): Record<string, string> {
  const json = JSON.parse(JSON.stringify(envelope)) as Record<string, any>;
  mutate(json);
  return { type: envelope.event_type, data: JSON.stringify(json) };
}
