import type { ServiceDefinition } from '@choice-sherpa/platform';
import { AppModule } from './app.module';
import { sessionCycleConsumer } from './shared/interface/event-consumer.strategy';

/** How session-cycle starts: main.ts runs it alone, the all-in-one host (npm start) beside the others. */
export const SERVICE: ServiceDefinition = { name: 'session-cycle', module: AppModule, options: { microservice: sessionCycleConsumer } };
