import { execFile } from 'node:child_process';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/repo-root';

const run = promisify(execFile);
const script = path.join(repoRoot(), 'scripts', 'healthcheck.mjs');
const check = (env: Record<string, string>, ...args: string[]) =>
  run(process.execPath, [script, ...args], { env: { PATH: process.env.PATH ?? '', ...env } }).then(
    () => 0,
    (error: { code: number }) => error.code,
  );

describe('scripts/healthcheck.mjs (the containers\' health check)', () => {
  let server: Server;
  let port: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.statusCode = request.url === '/health/ready' || request.url === '/health/live' ? 200 : 503;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = String((server.address() as AddressInfo).port);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes when the service answers 2xx on /health/ready (the default) or the path given', async () => {
    expect(await check({ PORT: port })).toBe(0);
    expect(await check({ PORT: port }, '/health/live')).toBe(0);
  });

  it('fails when the service answers otherwise, does not answer, or PORT is not set', async () => {
    expect(await check({ PORT: port }, '/not-ready')).toBe(1);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = String((closed.address() as AddressInfo).port);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await check({ PORT: closedPort })).toBe(1);
    expect(await check({})).toBe(1);
  });
});
