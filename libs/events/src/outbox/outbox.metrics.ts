import { Counter, Gauge, register } from 'prom-client';

/** Metrics live in prom-client's default register; several relays in one process share them instead of throwing. */
function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const eventsPublished = once('events_published_total', () =>
  new Counter({ name: 'events_published_total', help: 'Events XADDed by the outbox relay and marked published', labelNames: ['event_type'] }),
);

export const outboxPendingCount = once('outbox_pending_count', () =>
  new Gauge({ name: 'outbox_pending_count', help: 'Unpublished rows in the outbox' }),
);

export const outboxAgeSeconds = once('outbox_age_seconds', () =>
  new Gauge({ name: 'outbox_age_seconds', help: 'Age of the oldest unpublished outbox row (0 when none)' }),
);

export const outboxPublishErrors = once('outbox_publish_errors_total', () =>
  new Counter({ name: 'outbox_publish_errors_total', help: 'Failed relay passes; the rows stay pending', labelNames: ['stage'] }),
);
