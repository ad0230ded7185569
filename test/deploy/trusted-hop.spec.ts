import { readFileSync } from 'node:fs';
import { request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { createLogger } from '@choice-sherpa/platform/logging/logger';
import { SERVICE_NAMES, type ServiceName } from '@choice-sherpa/platform/config/service-name';
import { PlatformTestApp, startPlatformTestApp } from '@choice-sherpa/platform/spec-support/platform-test-app';
import { uniqueName } from '@choice-sherpa/platform/testing';
import { createEntryServer } from '../../hosts/entry-point/entry-proxy';
import { HOSTED_SERVICES_TRUST_PROXY } from '../../hosts/all-in-one/host-settings';
import { repoRoot } from '../support/repo-root';
import { loadCompose } from './support/compose-file';

const envFile = (file: string) => parseEnv(readFileSync(path.join(repoRoot(), file), 'utf8')) as Record<string, string>;

/**
 * Each way to run the system, its TRUST_PROXY as the way's own file sets it, and whether a second client's own
 * address reaches the services: behind `npm run stack`'s entry point every client is this machine (no hop trusted).
 */
const WAYS: { way: string; trustProxy: string; keysOnEachClient: boolean }[] = [
  { way: 'npm start (hosts/all-in-one)', trustProxy: HOSTED_SERVICES_TRUST_PROXY, keysOnEachClient: true },
  { way: 'npm run stack (config/local.env)', trustProxy: envFile('config/local.env').TRUST_PROXY, keysOnEachClient: false },
  { way: 'docker compose (docker-compose.yml)', trustProxy: String(loadCompose().services['session-cycle'].environment?.TRUST_PROXY), keysOnEachClient: true },
  { way: 'Kubernetes (deploy/k8s platform.env)', trustProxy: envFile('deploy/k8s/base/common/platform.env').TRUST_PROXY, keysOnEachClient: true },
];

const LIMIT = 3;

/** A GET through the entry point from a chosen loopback address (127.0.0.0/8 is all this machine's), with a header of the client's own. */
function get(url: string, fromAddress: string, forwardedFor: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress: fromAddress, headers: { 'x-forwarded-for': forwardedFor } }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('X-Forwarded-For through the entry point, per way to run the system', () => {
  const apps: PlatformTestApp[] = [];
  const entries: Server[] = [];
  afterAll(async () => {
    for (const entry of entries) await new Promise((resolve) => entry.close(resolve));
    await Promise.all(apps.map((app) => app.close()));
  });

  async function behindEntry(trustProxy: string): Promise<string> {
    const app = await startPlatformTestApp({ TRUST_PROXY: trustProxy, RATE_LIMIT_MAX: String(LIMIT), RATE_LIMIT_WINDOW_MS: '60000', STREAM_PREFIX: uniqueName('hop') });
    apps.push(app);
    const upstreams = Object.fromEntries(SERVICE_NAMES.map((name) => [name, app.baseUrl])) as Record<ServiceName, string>;
    const entry = createEntryServer({ upstreams, devLogin: false, logger: createLogger('entry-point', 'warn'), routes: [{ prefix: '/api/things', target: 'notifier' }] });
    entries.push(entry);
    await new Promise<void>((resolve) => entry.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(entry.address() as AddressInfo).port}/api/things/open`;
  }

  it.each(WAYS)('$way: a client spoofing X-Forwarded-For keeps one budget (TRUST_PROXY=$trustProxy)', async ({ trustProxy, keysOnEachClient }) => {
    const url = await behindEntry(trustProxy);
    const spoofs = ['203.0.113.1', '198.51.100.2, 203.0.113.3', '127.0.0.9', 'not-an-address', '203.0.113.4, 10.0.0.5, 127.0.0.1'];
    const statuses: number[] = [];
    for (const spoof of spoofs) statuses.push(await get(url, '127.0.0.2', spoof));
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Another client: its own budget where its address reaches the services, the entry's shared one where not.
    expect(await get(url, '127.0.0.3', '203.0.113.1')).toBe(keysOnEachClient ? 200 : 429);
  }, 60_000);
});
