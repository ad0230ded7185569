import type { INestApplication } from '@nestjs/common';
import { bootstrapService } from '@choice-sherpa/platform';
import { SERVICE } from '../../session-cycle.service';

/** The service as main.ts runs it (and as the integration tests start it in-process). */
export function startSessionCycle(): Promise<INestApplication> {
  return bootstrapService(SERVICE.module, SERVICE.name, SERVICE.options);
}
