import { PLATFORM_SETTINGS, ServiceName, SettingSpec } from '@choice-sherpa/platform';
import { ENTRY_POINT_SETTINGS } from '../../../hosts/entry-point/entry-point.settings';

export const TABLE_START = '<!-- settings-table:start (generated from PLATFORM_SETTINGS, apps/<service>/src/<service>.settings.ts and ENTRY_POINT_SETTINGS; test/deploy/readme-settings.spec.ts checks it) -->';
export const TABLE_END = '<!-- settings-table:end -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function row(setting: SettingSpec, service: string): string {
  const required = setting.required ? (setting.alternative ? `yes (or \`${setting.alternative}\`)` : 'yes') : 'no';
  return `| \`${setting.name}\` | ${service} | ${required} | ${cell(setting.default ?? '')} | ${setting.secret ? 'secret' : 'no'} | ${cell(setting.description)} |`;
}

/** The README's settings table: the platform's settings (every service), each service's own, then the entry point's. */
export function settingsTable(settings: Record<ServiceName, readonly SettingSpec[]>): string {
  const platform = new Set(PLATFORM_SETTINGS.map((setting) => setting.name));
  const rows = PLATFORM_SETTINGS.map((setting) => row(setting, 'all'));
  for (const [service, list] of Object.entries(settings)) {
    for (const setting of list.filter((candidate) => !platform.has(candidate.name))) rows.push(row(setting, service));
  }
  rows.push(...ENTRY_POINT_SETTINGS.map((setting) => row(setting, 'entry-point')));
  return ['| setting | service | required | default | secret | what it is |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
