import { Counter, Gauge, Histogram, register } from 'prom-client';

function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const eventsProcessed = once('events_processed_total', () =>
  new Counter({ name: 'events_processed_total', help: 'Events handled, by handler and outcome', labelNames: ['handler', 'outcome'] }),
);

export const processingDuration = once('event_processing_duration_seconds', () =>
  new Histogram({
    name: 'event_processing_duration_seconds',
    help: 'Handler processing time, including its idempotent transaction',
    labelNames: ['handler'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
);

export const duplicatesSkipped = once('duplicate_events_skipped_total', () =>
  new Counter({ name: 'duplicate_events_skipped_total', help: 'Redelivered events skipped by idempotency', labelNames: ['handler'] }),
);

export const deadLettersTotal = once('dead_letters_total', () =>
  new Counter({ name: 'dead_letters_total', help: 'Events parked as dead letters', labelNames: ['handler', 'reason'] }),
);

export const consumerLag = once('consumer_lag', () =>
  new Gauge({ name: 'consumer_lag', help: 'Entries not yet delivered to the group (XINFO GROUPS lag)', labelNames: ['group', 'stream'] }),
);
