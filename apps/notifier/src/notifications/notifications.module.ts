import { DynamicModule, Module } from '@nestjs/common';
import { Env, PLATFORM_CONFIG, PlatformConfig } from '@choice-sherpa/platform';
import { loadNotifierSettings, NOTIFIER_SETTINGS_TOKEN, NotifierSettings } from '../notifier.settings';
import { ComposeNotification } from './application/compose-notification';
import { NotificationPreferences } from './application/notification-preferences';
import { NotificationSender } from './application/notification-sender';
import { MAIL_TRANSPORT, NOTIFICATION_OUTBOX, PREFERENCE_STORE, PROJECTION_STORE, UNSUBSCRIBE_TOKENS } from './application/ports';
import { ProjectSummaryFacts } from './application/project-summary-facts';
import { QueueCycleSummary } from './application/queue-cycle-summary';
import { QueueNotification } from './application/queue-notification';
import { RecordMembershipChange } from './application/record-membership-change';
import { JoseUnsubscribeTokens } from './infrastructure/jose-unsubscribe.tokens';
import { NotificationRetention } from './infrastructure/notification-retention';
import { PgNotificationOutbox } from './infrastructure/pg-notification.outbox';
import { PgPreferenceStore } from './infrastructure/pg-preference.store';
import { PgProjectionStore } from './infrastructure/pg-projection.store';
import { SenderLifecycle } from './infrastructure/sender-lifecycle';
import { SmtpMailTransport } from './infrastructure/smtp-mail.transport';
import { NotificationsAdminController } from './interface/notifications-admin.controller';
import { NotifierEventsConsumer } from './interface/notifier-events.consumer';
import { PreferencesController } from './interface/preferences.controller';
import { UnsubscribeController } from './interface/unsubscribe.controller';

const controllers = [NotifierEventsConsumer, PreferencesController, UnsubscribeController, NotificationsAdminController];
const useCases = [RecordMembershipChange, ProjectSummaryFacts, QueueCycleSummary, QueueNotification, ComposeNotification, NotificationPreferences, NotificationSender];
const repositories = [
  { provide: PROJECTION_STORE, useClass: PgProjectionStore },
  { provide: NOTIFICATION_OUTBOX, useClass: PgNotificationOutbox },
  { provide: PREFERENCE_STORE, useClass: PgPreferenceStore },
];
const adapters = [
  { provide: UNSUBSCRIBE_TOKENS, useClass: JoseUnsubscribeTokens },
  {
    provide: MAIL_TRANSPORT,
    inject: [NOTIFIER_SETTINGS_TOKEN],
    useFactory: (settings: NotifierSettings) => (settings.smtpUrl ? new SmtpMailTransport(settings.smtpUrl, settings.sendTimeoutMs) : null),
  },
];

/**
 * Notifications: the projections and the mail outbox (stream consumers), the sender, preferences and one-click
 * unsubscribe, and the operators' view. Its settings (NOTIFIER_SETTINGS) are read once from `env`.
 */
@Module({})
export class NotificationsModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: NotificationsModule,
      controllers,
      providers: [
        {
          provide: NOTIFIER_SETTINGS_TOKEN,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig) => loadNotifierSettings(env, { jwtSecret: config.jwt.secret }),
        },
        ...useCases,
        ...repositories,
        ...adapters,
        SenderLifecycle,
        NotificationRetention,
      ],
    };
  }
}
