import type { INestApplication } from '@nestjs/common';
import { bootstrapService } from '@choice-sherpa/platform';
import { AppModule } from '../../app.module';
import { sessionCycleConsumer } from './event-consumer.strategy';

/** The service as main.ts runs it (and as the integration tests start it in-process). */
export function startSessionCycle(): Promise<INestApplication> {
  return bootstrapService(AppModule, 'session-cycle', { microservice: sessionCycleConsumer });
}
