import { Module } from '@nestjs/common';
import { CONSUMER_MIGRATIONS, DeadLetterAdminModule } from '@choice-sherpa/events';
import { PlatformModule } from '@choice-sherpa/platform';

/** ws-gateway: consumes events; its own database `choice_ws_gateway`. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'ws-gateway', migrations: [...CONSUMER_MIGRATIONS] }),
    DeadLetterAdminModule,
  ],
})
export class AppModule {}
