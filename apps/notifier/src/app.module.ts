import { Module } from '@nestjs/common';
import { CONSUMER_MIGRATIONS, DeadLetterAdminModule } from '@choice-sherpa/events';
import { PlatformModule } from '@choice-sherpa/platform';

/** notifier: consumes events; its own database `choice_notifier`. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'notifier', migrations: [...CONSUMER_MIGRATIONS] }),
    DeadLetterAdminModule,
  ],
})
export class AppModule {}
