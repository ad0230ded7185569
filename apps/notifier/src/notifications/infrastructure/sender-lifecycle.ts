import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { afterMarkedCommits } from '@choice-sherpa/events';
import { DataSource } from 'typeorm';
import { NotificationSender } from '../application/notification-sender';
import { MAIL_TRANSPORT, MailTransport } from '../application/ports';
import { QUEUED_NOTIFICATIONS } from '../application/queue-notification';

/**
 * Starts the sender once the app has bootstrapped, wakes it after every commit that queued a notification, and stops
 * it (finishing the delivery in progress) before the DataSource closes.
 */
@Injectable()
export class SenderLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private unsubscribe?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: NotificationSender,
    @Optional() @Inject(MAIL_TRANSPORT) private readonly transport?: MailTransport | null,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = afterMarkedCommits(this.dataSource, QUEUED_NOTIFICATIONS, () => this.sender.wake());
    this.sender.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.sender.stop();
    await this.transport?.close();
  }
}
