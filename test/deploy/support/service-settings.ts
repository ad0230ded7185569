import { existsSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_SETTINGS, SERVICE_NAMES, ServiceName, SettingSpec } from '@choice-sherpa/platform';
import { repoRoot } from '../../support/repo-root';

/** `apps/<service>/src/<service>.settings.ts`, where a service lists the settings of its own. */
export function settingsFileOf(service: ServiceName): string {
  return path.join(repoRoot(), 'apps', service, 'src', `${service}.settings.ts`);
}

/** `conversation` → `CONVERSATION_SETTINGS`, `ws-gateway` → `WS_GATEWAY_SETTINGS`. */
export function settingsExportOf(service: ServiceName): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_SETTINGS`;
}

/**
 * Every setting each service reads: PLATFORM_SETTINGS plus the service's own list, found by convention, so a
 * service that adds a settings file is checked against every deploy file from then on without touching this one.
 */
export async function loadServiceSettings(): Promise<Record<ServiceName, readonly SettingSpec[]>> {
  const entries = await Promise.all(
    SERVICE_NAMES.map(async (service) => {
      const file = settingsFileOf(service);
      if (!existsSync(file)) return [service, PLATFORM_SETTINGS] as const;
      const module = (await import(file)) as Record<string, unknown>;
      const own = module[settingsExportOf(service)];
      if (!Array.isArray(own)) throw new Error(`${path.relative(repoRoot(), file)} does not export ${settingsExportOf(service)}`);
      return [service, [...PLATFORM_SETTINGS, ...(own as SettingSpec[])]] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<ServiceName, readonly SettingSpec[]>;
}

/**
 * The required settings a service environment lacks: a required setting counts as provided when it or its
 * alternative is set.
 */
export function missingRequired(settings: readonly SettingSpec[], provided: ReadonlySet<string>): string[] {
  return settings
    .filter((setting) => setting.required && !provided.has(setting.name) && !(setting.alternative && provided.has(setting.alternative)))
    .map((setting) => setting.name);
}

/** Names set in a deploy file that no service reads: a typo or a setting that was removed. */
export function unknownSettings(settings: readonly SettingSpec[], provided: Iterable<string>): string[] {
  const known = new Set(settings.map((setting) => setting.name));
  return [...provided].filter((name) => !known.has(name));
}
