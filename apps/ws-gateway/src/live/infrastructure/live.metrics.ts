import { Counter, Gauge, register } from 'prom-client';

function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Labels are fixed vocabularies (outcomes, reasons, event types); never ids, tokens or payload text. */
export const connectedSockets = once('ws_connected_sockets', () =>
  new Gauge({ name: 'ws_connected_sockets', help: 'Sockets connected to /live on this replica' }),
);

export const handshakesRefused = once('ws_handshakes_refused_total', () =>
  new Counter({ name: 'ws_handshakes_refused_total', help: 'Socket handshakes refused, by reason', labelNames: ['reason'] }),
);

export const joinsTotal = once('ws_session_joins_total', () =>
  new Counter({ name: 'ws_session_joins_total', help: 'session:join requests, by outcome (ok or the error code)', labelNames: ['outcome'] }),
);

export const eventsLogged = once('ws_events_logged_total', () =>
  new Counter({ name: 'ws_events_logged_total', help: 'Session-scoped events appended to the gateway log, by event type and outcome', labelNames: ['event_type', 'outcome'] }),
);

export const eventsSent = once('ws_events_sent_total', () =>
  new Counter({ name: 'ws_events_sent_total', help: 'Events emitted to sockets on this replica (live and replayed)' }),
);

export const feedReadFailures = once('ws_feed_read_failures_total', () =>
  new Counter({ name: 'ws_feed_read_failures_total', help: 'Failed event log reads of socket feeds (each feed retries with backoff until it reads)' }),
);

export const feedCatchUps = once('ws_feed_catch_ups_total', () =>
  new Counter({ name: 'ws_feed_catch_ups_total', help: 'Feeds found behind the event log by the periodic check (an announcement was lost or late) and caught up' }),
);

export const feedCheckFailures = once('ws_feed_catch_up_check_failures_total', () =>
  new Counter({ name: 'ws_feed_catch_up_check_failures_total', help: 'Periodic feed checks that could not read the log heads' }),
);

export const socketsDropped = once('ws_sockets_dropped_total', () =>
  new Counter({ name: 'ws_sockets_dropped_total', help: 'Sockets disconnected by the server, by reason', labelNames: ['reason'] }),
);
