import { Module } from '@nestjs/common';
import { CONSUMER_MIGRATIONS, DeadLetterAdminModule, OUTBOX_MIGRATIONS, OutboxModule } from '@choice-sherpa/events';
import { PlatformModule } from '@choice-sherpa/platform';

/** analysis-worker: produces (outbox) and consumes events; its own database `choice_analysis_worker`. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'analysis-worker', migrations: [...CONSUMER_MIGRATIONS, ...OUTBOX_MIGRATIONS] }),
    OutboxModule.forRoot(),
    DeadLetterAdminModule,
  ],
})
export class AppModule {}
