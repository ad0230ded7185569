import { INestApplication, Module, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { configurePlatformHttp } from '../http/configure-http';
import { PlatformModule } from '../platform.module';
import { createTestDatabase, TestDatabase } from '../testing/test-database';
import { testPlatformEnv } from '../testing/platform-test-env';
import { SampleController } from './sample.controller';

export interface PlatformTestApp {
  app: INestApplication;
  baseUrl: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/** A service-like app (PlatformModule + a sample controller) on a free port with its own database. */
export async function startPlatformTestApp(
  env: Record<string, string | undefined> = {},
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[] = [],
  imports: Type<unknown>[] = [],
): Promise<PlatformTestApp> {
  const database = await createTestDatabase('platform');
  @Module({
    imports: [PlatformModule.forService({ service: 'notifier', env: testPlatformEnv({ databaseUrl: database.url, ...env }), migrations }), ...imports],
    controllers: [SampleController],
  })
  class SampleAppModule {}
  const moduleRef = await Test.createTestingModule({ imports: [SampleAppModule] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configurePlatformHttp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
