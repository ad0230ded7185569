import { Injectable, type INestApplication, type INestMicroservice } from '@nestjs/common';
import type { CustomTransportStrategy, NestMicroservice } from '@nestjs/microservices';
import { StreamExceptionFilter } from './stream-exception.filter';

/**
 * Attaches a stream consumer (e.g. RedisStreamsServer) to the app with enhancers of its own: StreamExceptionFilter
 * (handler errors reach the transport with their real message) and none of the HTTP app's guards, pipes and filters
 * (a stream message has no token, no request body). Nest registers a hybrid app's listeners when it connects it, so
 * initialization is deferred until the filter is in place, then done as connectMicroservice would have done it.
 * The consumer is added to the app's StreamConsumers (PlatformModule provides it; required).
 */
export function connectStreamConsumer(app: INestApplication, strategy: CustomTransportStrategy): INestMicroservice {
  const microservice = app.connectMicroservice({ strategy }, { inheritAppConfig: false, deferInitialization: true }) as NestMicroservice;
  microservice.useGlobalFilters(new StreamExceptionFilter());
  microservice.registerListeners();
  microservice.setIsInitialized(true);
  microservice.setIsInitHookCalled(true);
  app.get(StreamConsumers, { strict: false }).add(strategy);
  return microservice;
}

/**
 * The stream consumers connected to this app (by connectStreamConsumer), for providers that work through them, e.g.
 * the dead-letter replay. Provided by PlatformModule; one per app, so a process hosting several services keeps them apart.
 */
@Injectable()
export class StreamConsumers {
  private readonly strategies: CustomTransportStrategy[] = [];

  add(strategy: CustomTransportStrategy): void {
    this.strategies.push(strategy);
  }

  /** The connected consumers that are instances of `type`. */
  all<T extends CustomTransportStrategy>(type: abstract new (...args: never[]) => T): T[] {
    return this.strategies.filter((strategy): strategy is T => strategy instanceof type);
  }
}
