import { Counter, register } from 'prom-client';

function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const projectedEvents = once('dashboard_projected_events_total', () =>
  new Counter({ name: 'dashboard_projected_events_total', help: 'Events offered to the dashboard projection, by type and outcome', labelNames: ['event_type', 'outcome'] }),
);

export const sequenceGaps = once('dashboard_sequence_gaps_total', () =>
  new Counter({ name: 'dashboard_sequence_gaps_total', help: 'Events applied although their predecessor never arrived', labelNames: ['event_type'] }),
);
