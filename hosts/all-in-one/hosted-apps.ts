import type { INestApplication } from '@nestjs/common';
import type { ServiceDefinition, ServiceName } from '@choice-sherpa/platform';

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The six services, each started exactly as its own main.ts starts it. Loaded late (here, not at the top: npm start
 * loads them while PostgreSQL starts) and quietly: each app module registers "the default data source" in
 * @nestjs/typeorm's process-wide name registry as it loads, which warns about duplicates; the apps live in separate
 * Nest containers, where their data sources never meet.
 */
export function hostedServices(): ServiceDefinition[] {
  (require('@nestjs/common') as typeof import('@nestjs/common')).Logger.overrideLogger(['error', 'fatal']);
  return [
    require('../../apps/session-cycle/src/session-cycle.service').SERVICE,
    require('../../apps/conversation/src/conversation.service').SERVICE,
    require('../../apps/dashboard-projector/src/dashboard-projector.service').SERVICE,
    require('../../apps/ws-gateway/src/ws-gateway.service').SERVICE,
    require('../../apps/analysis-worker/src/analysis-worker.service').SERVICE,
    require('../../apps/notifier/src/notifier.service').SERVICE,
  ] as ServiceDefinition[];
}
/* eslint-enable @typescript-eslint/no-require-imports */

export interface HostedApp {
  name: ServiceName;
  app: INestApplication;
  url: string;
}

/**
 * Starts the services in this process, each on its own loopback port chosen by the OS (PORT=0), behind the entry
 * point; signals are the host's, so one service closing never ends the process. All at once: no service needs
 * another to be up (they meet only in PostgreSQL, each its own database, and the broker), and while one waits on
 * its database the others run. The list keeps the services' order whichever is up first. On a failure the started
 * ones close and the first error is thrown.
 */
export async function startHostedApps(services: ServiceDefinition[] = hostedServices()): Promise<HostedApp[]> {
  const { bootstrapService } = await import('@choice-sherpa/platform');
  const results = await Promise.allSettled(
    services.map(async ({ name, module, options }): Promise<HostedApp> => {
      const app = await bootstrapService(module, name, { ...options, host: '127.0.0.1', handleSignals: false });
      const { port } = app.getHttpServer().address() as { port: number };
      return { name, app, url: `http://127.0.0.1:${port}` };
    }),
  );
  const started = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await stopHostedApps(started);
    throw failed.reason;
  }
  return started;
}
export async function stopHostedApps(apps: HostedApp[]): Promise<void> {
  await Promise.all(apps.map(({ app }) => app.close().catch(() => undefined)));
}
