import type { INestApplication } from '@nestjs/common';
import { serviceStreamConsumer } from '@choice-sherpa/events';
import { bootstrapService } from '@choice-sherpa/platform';
import { AppModule } from './app.module';

/** The service as main.ts runs it (and as the integration tests start it in-process). */
export function startConversation(): Promise<INestApplication> {
  return bootstrapService(AppModule, 'conversation', { microservice: serviceStreamConsumer });
}
