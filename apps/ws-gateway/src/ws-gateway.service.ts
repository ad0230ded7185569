import type { ServiceDefinition } from '@choice-sherpa/platform';
import { AppModule } from './app.module';
import { gatewayConsumer, prepareLiveServer } from './gateway-app';

/** How ws-gateway starts: main.ts runs it alone, the all-in-one host (npm start) beside the others. */
export const SERVICE: ServiceDefinition = {
  name: 'ws-gateway',
  module: AppModule,
  options: {
    beforeListen: async (app) => {
      await prepareLiveServer(app);
    },
    microservice: (app, config) => gatewayConsumer(app, config),
  },
};
