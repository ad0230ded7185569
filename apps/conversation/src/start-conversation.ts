import type { INestApplication } from '@nestjs/common';
import { bootstrapService } from '@choice-sherpa/platform';
import { SERVICE } from './conversation.service';

/** The service as main.ts runs it (and as the integration tests start it in-process); npm start hosts SERVICE too. */
export function startConversation(): Promise<INestApplication> {
  return bootstrapService(SERVICE.module, SERVICE.name, SERVICE.options);
}
