export const SERVICE_NAMES = [
  'session-cycle',
  'conversation',
  'dashboard-projector',
  'ws-gateway',
  'analysis-worker',
  'notifier',
] as const;

export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Each service's own port (API.md); `PORT` overrides it. */
export const SERVICE_PORTS: Readonly<Record<ServiceName, number>> = {
  'session-cycle': 3001,
  conversation: 3002,
  'dashboard-projector': 3003,
  'ws-gateway': 3004,
  'analysis-worker': 3005,
  notifier: 3006,
};

/** `choice_session_cycle`, `choice_conversation`, ...: one database per service. */
export function databaseNameFor(service: ServiceName): string {
  return `choice_${service.replace(/-/g, '_')}`;
}

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}
