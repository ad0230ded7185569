import { getMetadataStorage } from 'class-validator';
import { EVENT_REGISTRY, EVENT_TYPES as CATALOG_TYPES } from '@choice-sherpa/events';
import { sampleEvent } from '@choice-sherpa/events/catalog/testing';
import type { EventPayloadMap, EventType as CatalogEventType } from '@choice-sherpa/events';
import { EVENT_SPECS, EVENT_TYPES, EventPayloads, EventType } from './event-payloads';
import { isLiveEvent } from './live-event';

// Compile-time half (checked by `npm run typecheck`): the same type names, and every catalog payload fits ours.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fits = { [K in CatalogEventType]: EventPayloadMap[K] extends EventPayloads[K] ? true : false }[CatalogEventType];
const sameTypes: Same<EventType, CatalogEventType> = true;
const payloadsFit: Same<Fits, true> = true;

function catalogFields(type: CatalogEventType): { all: string[]; optional: string[] } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(EVENT_REGISTRY[type].payloadClass, '', true, false);
  const all = [...new Set(metadata.map((m) => m.propertyName))].sort();
  const optional = [...new Set(metadata.filter((m) => m.name === 'isOptional').map((m) => m.propertyName))].sort();
  return { all, optional };
}

describe('the client event union against the libs/events catalog', () => {
  it('names exactly the catalog event types', () => {
    expect(sameTypes && payloadsFit).toBe(true);
    expect([...EVENT_TYPES].sort()).toEqual([...CATALOG_TYPES].sort());
  });

  it.each(CATALOG_TYPES)('%s: the same payload fields (required and optional) and aggregate type as the catalog', (type) => {
    const spec = EVENT_SPECS[type];
    const catalog = catalogFields(type);
    expect([...(spec.optional ?? [])].sort()).toEqual(catalog.optional);
    expect([...spec.fields, ...(spec.optional ?? [])].sort()).toEqual(catalog.all);
    expect(spec.aggregate_type).toBe(EVENT_REGISTRY[type].aggregateType);
    expect(spec.fields).toContain(spec.aggregate_field);
  });

  it.each(CATALOG_TYPES)('%s: a catalog sample as the gateway sends it passes the guard, and its aggregate id is the envelope one', (type) => {
    const event = sampleEvent(type);
    const live = {
      event_id: event.event_id,
      event_type: event.event_type,
      session_id: 'session_id' in event.payload ? event.payload.session_id : 'none',
      occurred_at: event.occurred_at,
      sequence: event.sequence,
      correlation_id: event.metadata.correlation_id,
      causation_id: event.metadata.causation_id,
      data: event.payload,
    };
    expect(isLiveEvent(live)).toBe(true);
    expect((event.payload as Record<string, unknown>)[EVENT_SPECS[type].aggregate_field]).toBe(event.aggregate_id);
    const { [EVENT_SPECS[type].fields[0]]: _dropped, ...missingOne } = live.data as Record<string, unknown>;
    expect(isLiveEvent({ ...live, data: missingOne })).toBe(false);
  });

  it('refuses unknown types and malformed envelopes', () => {
    const good = { ...sampleEvent('session.archived') };
    const live = { event_id: good.event_id, event_type: good.event_type, session_id: good.aggregate_id, occurred_at: good.occurred_at, sequence: 1, correlation_id: null, causation_id: null, data: good.payload };
    expect(isLiveEvent(live)).toBe(true);
    expect(isLiveEvent({ ...live, event_type: 'session.exploded' })).toBe(false);
    expect(isLiveEvent({ ...live, event_type: 'toString' })).toBe(false);
    expect(isLiveEvent({ ...live, sequence: 0 })).toBe(false);
    expect(isLiveEvent({ ...live, data: null })).toBe(false);
    expect(isLiveEvent(null)).toBe(false);
  });
});
