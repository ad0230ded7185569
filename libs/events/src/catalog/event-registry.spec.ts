import { COMPONENT_TYPES, isComponentType } from '../outputs/domain-vocabulary';
import { EVENT_REGISTRY, EVENT_TYPES, isEventOfType, isEventOfTypes, isKnownEventType } from './event-registry';
import { EventTypes } from './event-types';

/** The catalog of EVENTS.md, spelled out so a missing or renamed type fails here. */
const EVENTS_MD: Record<string, string> = {
  'session.created': 'session',
  'session.archived': 'session',
  'session.renamed': 'session',
  'cycle.created': 'cycle',
  'cycle.branched': 'cycle',
  'cycle.archived': 'cycle',
  'cycle.completed': 'cycle',
  'component.started': 'cycle',
  'component.completed': 'cycle',
  'component.marked_for_revision': 'cycle',
  'component.output_updated': 'cycle',
  'conversation.started': 'conversation',
  'conversation.message_sent': 'conversation',
  'conversation.data_extracted': 'conversation',
  'membership.created': 'membership',
  'membership.upgraded': 'membership',
  'membership.cancelled': 'membership',
  'analysis.pugh_computed': 'cycle',
  'analysis.dq_computed': 'cycle',
};

describe('event registry', () => {
  it('holds exactly the event types of EVENTS.md with their aggregate types, all at schema version 1', () => {
    expect([...EVENT_TYPES].sort()).toEqual(Object.keys(EVENTS_MD).sort());
    for (const type of EVENT_TYPES) {
      expect({ type, aggregate: EVENT_REGISTRY[type].aggregateType }).toEqual({ type, aggregate: EVENTS_MD[type] });
      expect(EVENT_REGISTRY[type].schemaVersion).toBe(1);
    }
  });

  it('binds every type to its own payload class', () => {
    const classes = EVENT_TYPES.map((type) => EVENT_REGISTRY[type].payloadClass);

    expect(new Set(classes).size).toBe(EVENT_TYPES.length);
  });

  it('names every type once in the EventTypes constants', () => {
    expect(Object.values(EventTypes).sort()).toEqual([...EVENT_TYPES].sort());
    expect(EventTypes.ComponentStarted).toBe('component.started');
  });

  it('recognises known types only, including inherited object keys', () => {
    expect(isKnownEventType('cycle.created')).toBe(true);
    expect(isKnownEventType('message.sent')).toBe(false);
    expect(isKnownEventType('toString')).toBe(false);
    expect(isKnownEventType(42)).toBe(false);
  });

  it('type guards match one type or a list of types', () => {
    const event = { event_type: 'component.completed' };

    expect(isEventOfType(event, 'component.completed')).toBe(true);
    expect(isEventOfType(event, 'component.started')).toBe(false);
    expect(isEventOfTypes(event, ['component.started', 'component.completed'])).toBe(true);
    expect(isEventOfTypes(event, ['cycle.created'])).toBe(false);
  });
});

describe('component types', () => {
  it('lists the nine wire names in the DOMAIN.md order', () => {
    expect(COMPONENT_TYPES).toEqual([
      'issue_raising',
      'problem_frame',
      'objectives',
      'alternatives',
      'consequences',
      'tradeoffs',
      'recommendation',
      'decision_quality',
      'notes_next_steps',
    ]);
    expect(isComponentType('tradeoffs')).toBe(true);
    expect(isComponentType('Tradeoffs')).toBe(false);
  });
});
