import { INestApplication, Logger } from '@nestjs/common';
import { bootstrapService, ServiceDefinition, ServiceName } from '@choice-sherpa/platform';

/**
 * The six services, each started exactly as its own main.ts starts it. Loaded late and quietly: each app module
 * registers "the default data source" in @nestjs/typeorm's process-wide name registry as it loads, which warns
 * about duplicates; the apps live in separate Nest containers, where their data sources never meet.
 */
export function hostedServices(): ServiceDefinition[] {
  Logger.overrideLogger(['error', 'fatal']);
  /* eslint-disable @typescript-eslint/no-require-imports */
  return [
    require('../../apps/session-cycle/src/session-cycle.service').SERVICE,
    require('../../apps/conversation/src/conversation.service').SERVICE,
    require('../../apps/dashboard-projector/src/dashboard-projector.service').SERVICE,
    require('../../apps/ws-gateway/src/ws-gateway.service').SERVICE,
    require('../../apps/analysis-worker/src/analysis-worker.service').SERVICE,
    require('../../apps/notifier/src/notifier.service').SERVICE,
  ] as ServiceDefinition[];
}

export interface HostedApp {
  name: ServiceName;
  app: INestApplication;
  url: string;
}

/**
 * Starts every service in this process, each on its own loopback port chosen by the OS (PORT=0), behind the entry
 * point; signals are the host's, so one service closing never ends the process. One after the other: they share one
 * thread, and six starting at once only make each other's first database connections wait past their timeouts on a
 * busy machine. On a failure the started ones close.
 */
export async function startHostedApps(): Promise<HostedApp[]> {
  const started: HostedApp[] = [];
  try {
    for (const { name, module, options } of hostedServices()) {
      const app = await bootstrapService(module, name, { ...options, host: '127.0.0.1', handleSignals: false });
      const { port } = app.getHttpServer().address() as { port: number };
      started.push({ name, app, url: `http://127.0.0.1:${port}` });
    }
    return started;
  } catch (error) {
    await stopHostedApps(started);
    throw error;
  }
}

export async function stopHostedApps(apps: HostedApp[]): Promise<void> {
  await Promise.all(apps.map(({ app }) => app.close().catch(() => undefined)));
}
