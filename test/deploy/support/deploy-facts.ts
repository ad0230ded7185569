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

/** The entry point's command in the image (hosts/entry-point, the process npm run stack also starts). */
export const ENTRY_COMMAND = ['node', 'dist/hosts/entry-point/main.js'];

/** The port the entry point listens on inside a container (its PORT default) and the one compose publishes. */
export const ENTRY_PORT = 3000;
export const COMPOSE_PUBLISHED_ENTRY = '127.0.0.1:8080:3000';

export const PROBE_PATHS = { live: '/health/live', ready: '/health/ready', metrics: '/metrics' } as const;

/** Services reached through the entry point (an ENTRY_ROUTES target); the others serve health and metrics only. */
export const ROUTED_SERVICES: readonly ServiceName[] = SERVICE_NAMES.filter((service) => ENTRY_ROUTES.some((route) => route.target === service));

/** Services that run two replicas in compose to show they share the work. */
export const COMPOSE_REPLICATED: readonly ServiceName[] = ['dashboard-projector', 'ws-gateway'];

export { SERVICE_NAMES, SERVICE_PORTS };

/** What a Kubernetes overlay needs from the cluster by name (the README lists them): Secrets per overlay
 * (choice-sherpa-conversation is optional: the model provider's key). */
export const EXTERNAL_SECRETS: Record<'dev' | 'prod', readonly string[]> = {
  dev: ['choice-sherpa-conversation'],
  prod: ['choice-sherpa-conversation', 'choice-sherpa-postgres', 'choice-sherpa-redis', 'choice-sherpa-notifier', 'choice-sherpa-tls'],
};

/** Namespace labels the cluster sets on the namespaces allowed in by the NetworkPolicies. */
export const INGRESS_CONTROLLER_NAMESPACE = 'ns(choice-sherpa.io/ingress-controller=true)';
export const MONITORING_NAMESPACE = 'ns(choice-sherpa.io/monitoring=true)';
const DNS = 'ns(kubernetes.io/metadata.name=kube-system)+pod(k8s-app=kube-dns)';

/**
 * The architecture's network flows, as `ingress <pod>:<port>/<protocol> from <peer>` and
 * `egress <pod> to <peer> <port>/<protocol>` (peer `any` = wherever the datastore or provider lives). Nothing else
 * may be allowed: services never call each other.
 */
export function expectedFlows(overlay: 'dev' | 'prod'): string[] {
  const flows: string[] = [];
  for (const service of SERVICE_NAMES) {
    const port = SERVICE_PORTS[service];
    if (ROUTED_SERVICES.includes(service)) flows.push(`ingress ${service}:${port}/TCP from ${INGRESS_CONTROLLER_NAMESPACE}`);
    flows.push(`ingress ${service}:${port}/TCP from ${MONITORING_NAMESPACE}`);
    flows.push(`egress ${service} to ${DNS} 53/UDP`, `egress ${service} to ${DNS} 53/TCP`);
    flows.push(`egress ${service} to any 5432/TCP`, `egress ${service} to any 6379/TCP`);
    if (overlay === 'prod') flows.push(`egress ${service} to any 443/TCP`);
  }
  // web: the entry point serving the web app, in front of the routed services.
  flows.push(`ingress web:${ENTRY_PORT}/TCP from ${INGRESS_CONTROLLER_NAMESPACE}`, `egress web to ${DNS} 53/UDP`, `egress web to ${DNS} 53/TCP`);
  for (const service of ROUTED_SERVICES) flows.push(`egress web to pod(${service}) ${SERVICE_PORTS[service]}/TCP`, `ingress ${service}:${SERVICE_PORTS[service]}/TCP from pod(web)`);
  flows.push('egress conversation to any 443/TCP');
  flows.push(...[25, 465, 587].map((port) => `egress notifier to any ${port}/TCP`));
  if (overlay === 'dev') {
    for (const service of SERVICE_NAMES) flows.push(`ingress postgres:5432/TCP from pod(${service})`, `ingress redis:6379/TCP from pod(${service})`);
  }
  return [...new Set(flows)].sort();
}
