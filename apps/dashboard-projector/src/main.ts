import { serviceStreamConsumer } from '@choice-sherpa/events';
import { bootstrapService } from '@choice-sherpa/platform';
import { AppModule } from './app.module';

bootstrapService(AppModule, 'dashboard-projector', { microservice: serviceStreamConsumer }).catch(() => process.exit(1));
