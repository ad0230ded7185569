import { RedisStreamsServer } from '@choice-sherpa/events';
import { bootstrapService } from '@choice-sherpa/platform';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';

bootstrapService(AppModule, 'conversation', {
  microservice: (app, config) =>
    new RedisStreamsServer({
      url: config.redisUrl,
      group: config.service,
      dataSource: app.get(DataSource),
      layout: { prefix: config.streamPrefix, partitions: config.streamPartitions },
    }),
}).catch(() => process.exit(1));
