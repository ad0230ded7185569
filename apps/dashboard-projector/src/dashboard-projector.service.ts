import { serviceStreamConsumer } from '@choice-sherpa/events';
import type { ServiceDefinition } from '@choice-sherpa/platform';
import { AppModule } from './app.module';

/** How dashboard-projector starts: main.ts runs it alone, the all-in-one host (npm start) beside the others. */
export const SERVICE: ServiceDefinition = { name: 'dashboard-projector', module: AppModule, options: { microservice: serviceStreamConsumer } };
