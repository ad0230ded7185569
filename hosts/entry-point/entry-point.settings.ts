import type { SettingSpec } from '@choice-sherpa/platform/config/setting-spec';
import { EnvReader } from '@choice-sherpa/platform/config/env-reader';
import { SERVICE_NAMES, SERVICE_PORTS, ServiceName } from '@choice-sherpa/platform/config/service-name';

export interface EntryPointSettings {
  port: number;
  host: string;
  upstreams: Record<ServiceName, string>;
  webDir: string;
  devLogin: boolean;
}

/** `SESSION_CYCLE_URL`, `WS_GATEWAY_URL`, ...: where the entry point finds each service. */
export function upstreamSetting(service: ServiceName): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_URL`;
}

export const ENTRY_POINT_SETTINGS: readonly SettingSpec[] = [
  { name: 'PORT', required: false, default: '3000', secret: false, description: 'the one origin of the system' },
  { name: 'HOST', required: false, default: '0.0.0.0', secret: false, description: 'interface to listen on' },
  ...SERVICE_NAMES.map((service) => ({
    name: upstreamSetting(service),
    required: false,
    default: `http://127.0.0.1:${SERVICE_PORTS[service]}`,
    secret: false,
    description: `base URL of ${service}`,
  })),
  { name: 'WEB_DIR', required: false, default: 'apps/web/dist', secret: false, description: "the web app's built files, served at /" },
  { name: 'DEV_LOGIN', required: false, default: 'false', secret: false, description: 'the / page mentions POST /api/dev/token' },
  { name: 'LOG_LEVEL', required: false, default: 'info', secret: false, description: 'pino level' },
];

export function loadEntryPointSettings(env: NodeJS.ProcessEnv, repoRoot: string): EntryPointSettings {
  const read = new EnvReader(env);
  const upstreams = Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, read.url(upstreamSetting(service), ['http:', 'https:']) ?? `http://127.0.0.1:${SERVICE_PORTS[service]}`]),
  ) as Record<ServiceName, string>;
  return {
    port: read.integer('PORT', 3000, { min: 0, max: 65_535 }),
    host: read.optional('HOST') ?? '0.0.0.0',
    upstreams,
    webDir: read.optional('WEB_DIR') ?? `${repoRoot}/apps/web/dist`,
    devLogin: read.boolean('DEV_LOGIN', false),
  };
}
