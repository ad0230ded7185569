import { serviceStreamConsumer } from '@choice-sherpa/events';
import { bootstrapService } from '@choice-sherpa/platform';
import { AppModule } from './app.module';

bootstrapService(AppModule, 'notifier', { microservice: serviceStreamConsumer }).catch(() => process.exit(1));
