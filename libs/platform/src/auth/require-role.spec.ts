import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { signTestToken } from '../testing/platform-test-env';
import { RequireRole } from './auth.decorators';

@Controller('ops')
@RequireRole('admin')
class OpsController {
  @Get()
  list(): { ok: true } {
    return { ok: true };
  }
}

/** @RequireRole must not depend on the global JWT guard being installed: without it the route fails closed. */
describe('@RequireRole in an app without the platform module', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    @Module({ controllers: [OpsController] })
    class BareModule {}
    app = (await Test.createTestingModule({ imports: [BareModule] }).compile()).createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}/ops`;
  });
  afterAll(() => app.close());

  it('refuses a request without a token', async () => {
    expect((await fetch(url)).status).toBe(401);
  });

  it('refuses even an admin token, since nothing can verify it', async () => {
    const token = await signTestToken('root', { roles: ['admin'] });
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});
