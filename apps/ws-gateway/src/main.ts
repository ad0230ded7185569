import { bootstrapService } from '@choice-sherpa/platform';
import { AppModule } from './app.module';
import { gatewayConsumer, prepareLiveServer } from './gateway-app';

bootstrapService(AppModule, 'ws-gateway', {
  beforeListen: (app) => prepareLiveServer(app),
  microservice: (app, config) => gatewayConsumer(app, config),
}).catch(() => process.exit(1));
