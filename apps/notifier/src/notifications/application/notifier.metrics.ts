import { Counter, Gauge, Histogram, register } from 'prom-client';

function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** outcome: sent, retried (4xx or server unavailable, kept pending), failed (5xx or given up), skipped (unsubscribed, no address). */
export const emailsSent = once('emails_sent_total', () =>
  new Counter({ name: 'emails_sent_total', help: 'Email delivery attempts and decisions, by kind and outcome', labelNames: ['kind', 'outcome'] }),
);

export const emailSendDuration = once('email_send_duration_seconds', () =>
  new Histogram({
    name: 'email_send_duration_seconds',
    help: 'One SMTP delivery (connect when needed, envelope, data)',
    labelNames: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  }),
);

export const notificationsPending = once('notifications_pending', () =>
  new Gauge({ name: 'notifications_pending', help: 'Notifications in the mail outbox not yet sent, failed or skipped' }),
);

export const notificationsOldestPending = once('notifications_oldest_pending_seconds', () =>
  new Gauge({ name: 'notifications_oldest_pending_seconds', help: 'Age of the oldest pending notification (0 when none)' }),
);
