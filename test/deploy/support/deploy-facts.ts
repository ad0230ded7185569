import { ENTRY_ROUTES, SERVICE_NAMES, SERVICE_PORTS, ServiceName } from '@choice-sherpa/platform';

/**
 * What every way of deploying the system must agree on, derived from the code's own contracts (ENTRY_ROUTES,
 * SERVICE_PORTS, the settings lists) wherever they exist. The compose file and both Kubernetes overlays are
 * checked against these facts, not against each other.
 */
export const IMAGE_NAME = 'choice-sherpa';

/** The command a container of `service` runs in the image (the file `npm run build` emits). */
export function serviceCommand(service: ServiceName): string[] {
  return ['node', `dist/apps/${service}/src/main.js`];
}

export const PROBE_PATHS = { live: '/health/live', ready: '/health/ready', metrics: '/metrics' } as const;

/** Services reached through the entry point (an ENTRY_ROUTES target); the others serve health and metrics only. */
export const ROUTED_SERVICES: readonly ServiceName[] = SERVICE_NAMES.filter((service) => ENTRY_ROUTES.some((route) => route.target === service));

/** Services that run two replicas in compose to show they share the work. */
export const COMPOSE_REPLICATED: readonly ServiceName[] = ['dashboard-projector', 'ws-gateway'];

export { SERVICE_NAMES, SERVICE_PORTS };
