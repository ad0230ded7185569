import { Module } from '@nestjs/common';
import { CONSUMER_MIGRATIONS, DeadLetterAdminModule, OUTBOX_MIGRATIONS } from '@choice-sherpa/events';
import { PlatformModule } from '@choice-sherpa/platform';

/** conversation: produces (outbox) and consumes events; its own database `choice_conversation`. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'conversation', migrations: [...CONSUMER_MIGRATIONS, ...OUTBOX_MIGRATIONS] }),
    DeadLetterAdminModule,
  ],
})
export class AppModule {}
