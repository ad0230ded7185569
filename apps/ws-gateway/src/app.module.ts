import { Module } from '@nestjs/common';
import { CONSUMER_MIGRATIONS, DeadLetterAdminModule } from '@choice-sherpa/events';
import { PLATFORM_CONFIG, PlatformConfig, PlatformModule, TokenVerifier } from '@choice-sherpa/platform';
import { loadGatewaySettings } from './ws-gateway.settings';
import { LIVE_MIGRATIONS } from './live/infrastructure/live.migrations';
import { LiveModule } from './live/live.module';

/** ws-gateway: Socket.IO /live for the owners of sessions; its own database `choice_ws_gateway`. */
@Module({
  imports: [
    PlatformModule.forService({ service: 'ws-gateway', migrations: [...CONSUMER_MIGRATIONS, ...LIVE_MIGRATIONS] }),
    DeadLetterAdminModule,
    LiveModule.forRoot({
      settings: { inject: [PLATFORM_CONFIG], useFactory: (config: PlatformConfig) => loadGatewaySettings(config) },
      verifier: { useExisting: TokenVerifier },
    }),
  ],
})
export class AppModule {}
