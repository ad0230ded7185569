import { DeadLetterAdminModule } from '@choice-sherpa/events';
import { PlatformModule, PlatformModuleOptions } from '@choice-sherpa/platform';
import { NotificationsModule } from './notifications/notifications.module';
import { NOTIFIER_MIGRATIONS } from './notifications/infrastructure/notifier.migrations';

/**
 * What the notifier app is made of; `platform.env` replaces the environment (tests), production reads process.env.
 * Kept apart from AppModule so a test can build its own app without AppModule's import-time module registration.
 */
export function notifierImports(platform: Pick<PlatformModuleOptions, 'env' | 'config'> = {}) {
  return [
    PlatformModule.forService({ service: 'notifier', migrations: NOTIFIER_MIGRATIONS, ...platform }),
    DeadLetterAdminModule,
    NotificationsModule.forRoot(platform.env ?? process.env),
  ];
}
