import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { NOTIFIER_SETTINGS_TOKEN, NotifierSettings } from '../../notifier.settings';
import { nextStep, RetryPolicy } from '../domain/delivery-policy';
import type { QueuedNotification } from '../domain/notification';
import { ComposeNotification } from './compose-notification';
import { emailSendDuration, emailsSent, notificationsOldestPending, notificationsPending } from './notifier.metrics';
import { MAIL_TRANSPORT, MailTransport, NOTIFICATION_OUTBOX, NotificationOutbox, Tx } from './ports';

const IDLE_POLL_MS = 5_000;
const LOCKED_POLL_MS = 1_000;
const GAUGE_INTERVAL_MS = 5_000;

type Next = { kind: 'continue' } | { kind: 'sleep'; ms: number; wakeable: boolean };

/**
 * Delivers the mail outbox after commit, oldest first, one notification per transaction: the row stays locked while
 * its email is handed to SMTP and is marked in the same transaction, so a crash in between leaves it pending and it
 * is sent again with the same Message-ID. While SMTP is unavailable the whole sender backs off (so the order holds
 * when it returns); a 4xx retries that message alone; a 5xx fails it for good.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger('NotificationSender');
  private readonly policy: RetryPolicy;
  private running?: Promise<void>;
  private stopped = true;
  private wakeSleeper?: () => void;
  private wakeRequested = false;
  private serverFailures = 0;
  private gaugeTimer?: NodeJS.Timeout;

  constructor(
    @Inject(NOTIFIER_SETTINGS_TOKEN) settings: NotifierSettings,
    @Inject(NOTIFICATION_OUTBOX) private readonly outbox: NotificationOutbox,
    private readonly compose: ComposeNotification,
    @Optional() @Inject(MAIL_TRANSPORT) private readonly transport?: MailTransport | null,
  ) {
    this.policy = { baseMs: settings.retryBaseMs, maxMs: settings.retryMaxMs, giveUpAfterMs: settings.giveUpAfterMs };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.gaugeTimer = setInterval(() => void this.refreshGauges(), GAUGE_INTERVAL_MS);
    this.gaugeTimer.unref();
    void this.refreshGauges();
    if (!this.transport) {
      this.logger.warn({ msg: 'SMTP_URL is not set: notifications are queued and stay pending until the notifier runs with SMTP_URL' });
      return;
    }
    this.running = this.loop();
  }

  /** A notification was committed: deliver it now rather than at the next poll. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeSleeper?.();
  }

  /** Finishes the delivery in progress, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.gaugeTimer);
    this.wakeSleeper?.();
    await this.running;
    this.running = undefined;
  }

  private async loop(): Promise<void> {
    let errors = 0;
    while (!this.stopped) {
      let next: Next;
      try {
        this.wakeRequested = false;
        next = await this.deliverNext();
        errors = 0;
      } catch (error) {
        errors++;
        this.logger.error({ msg: 'sender pass failed', error: error instanceof Error ? error.name : typeof error, failures: errors });
        next = { kind: 'sleep', ms: Math.min(this.policy.maxMs, 100 * 2 ** Math.min(errors, 10)), wakeable: false };
      }
      if (next.kind === 'sleep') {
        void this.refreshGauges();
        await this.sleep(next.ms, next.wakeable);
      }
    }
  }

  /** Handles the oldest due notification, if any. Exposed for tests and the benchmark. */
  async deliverNext(): Promise<Next> {
    const result = await this.outbox.withNextDue((tx, notification) => this.deliver(tx, notification));
    if (result.kind === 'done') return result.result;
    if (result.kind === 'locked') return { kind: 'sleep', ms: LOCKED_POLL_MS, wakeable: true };
    const untilDue = result.nextDueAt ? Math.max(0, result.nextDueAt.getTime() - Date.now()) : IDLE_POLL_MS;
    return { kind: 'sleep', ms: Math.min(IDLE_POLL_MS, untilDue + 5), wakeable: true };
  }

  private async deliver(tx: Tx, notification: QueuedNotification): Promise<Next> {
    const ids = { notification_id: notification.id, kind: notification.kind };
    const composition = await this.compose.execute(tx, notification);
    if (composition.kind === 'skip') {
      await this.outbox.markFinished(tx, notification.id, 'skipped', composition.reason, false);
      emailsSent.inc({ kind: notification.kind, outcome: 'skipped' });
      this.logger.log({ msg: 'notification skipped', ...ids, reason: composition.reason });
      return { kind: 'continue' };
    }
    if (composition.kind === 'wait') {
      await this.outbox.reschedule(tx, notification.id, composition.retryAt, composition.reason, false);
      return { kind: 'continue' };
    }
    const stopTimer = emailSendDuration.startTimer({ kind: notification.kind });
    const outcome = await this.transport!.send(composition.email);
    stopTimer();
    const serverFailures = outcome.kind === 'unavailable' ? this.serverFailures + 1 : 0;
    const step = nextStep(outcome, { attempts: notification.attempts + 1, createdAt: notification.createdAt, serverFailures }, new Date(), this.policy);
    if (this.serverFailures > 0 && serverFailures === 0) this.logger.log({ msg: 'SMTP available again', after_failures: this.serverFailures });
    this.serverFailures = serverFailures;
    switch (step.state) {
      case 'sent':
        await this.outbox.markSent(tx, notification.id);
        emailsSent.inc({ kind: notification.kind, outcome: 'sent' });
        this.logger.log({ msg: 'email sent', ...ids, attempts: notification.attempts + 1 });
        return { kind: 'continue' };
      case 'failed':
        await this.outbox.markFinished(tx, notification.id, 'failed', step.error, true);
        emailsSent.inc({ kind: notification.kind, outcome: 'failed' });
        this.logger.warn({ msg: 'email failed permanently', ...ids, reason: step.error });
        return { kind: 'continue' };
      case 'pending':
        await this.outbox.reschedule(tx, notification.id, step.retryAt, step.error, true);
        emailsSent.inc({ kind: notification.kind, outcome: 'retried' });
        if (step.pauseSenderMs === undefined) {
          this.logger.warn({ msg: 'email deferred', ...ids, reason: step.error, retry_at: step.retryAt.toISOString() });
          return { kind: 'continue' };
        }
        if (serverFailures === 1 || serverFailures % 10 === 0) this.logger.warn({ msg: 'SMTP unavailable, pausing delivery', reason: step.error, failures: serverFailures, pause_ms: step.pauseSenderMs });
        return { kind: 'sleep', ms: step.pauseSenderMs, wakeable: false };
    }
  }

  private async refreshGauges(): Promise<void> {
    try {
      const { count, oldestCreatedAt } = await this.outbox.pendingStats();
      notificationsPending.set(count);
      notificationsOldestPending.set(oldestCreatedAt ? Math.max(0, (Date.now() - oldestCreatedAt.getTime()) / 1000) : 0);
    } catch {
      // the database is unreachable; the readiness check reports it, the gauges keep their last values
    }
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopped || (wakeable && this.wakeRequested)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleeper = () => {
        if (this.stopped || wakeable) done();
      };
    });
  }
}
