/** The six apps and their default ports (API.md); the harness gives each a free port instead. */
export const SERVICES = ['session-cycle', 'conversation', 'dashboard-projector', 'ws-gateway', 'analysis-worker', 'notifier'] as const;

export type Service = (typeof SERVICES)[number];

export function databasePrefixFor(service: Service): string {
  return `e2e_${service.replace(/-/g, '_')}`;
}
